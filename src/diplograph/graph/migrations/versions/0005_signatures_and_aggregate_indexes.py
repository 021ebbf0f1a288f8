"""MinHash signatures of texts with band keys; covering indexes for event aggregates

``doc_sigs`` lets the writer drop band candidates whose signatures disagree before it reads
and re-shingles their texts; it is filled here for the texts that already have band keys.
The two mention indexes let the per-event aggregates (counts, report dates, best date) be
read from the index alone.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28
"""
import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

_bands = sa.table('doc_bands', sa.column('band', sa.String), sa.column('doc_id', sa.String))
_docs = sa.table('documents', sa.column('id', sa.String), sa.column('text', sa.Text))
CHUNK = 500


def upgrade() -> None:
    from diplograph.graph.neardup import pack, shingle_array, signature

    op.create_table('doc_sigs',
                    sa.Column('doc_id', sa.String(length=128), nullable=False),
                    sa.Column('sig', sa.LargeBinary(), nullable=False),
                    sa.ForeignKeyConstraint(['doc_id'], ['documents.id']),
                    sa.PrimaryKeyConstraint('doc_id'))
    op.create_index('ix_mentions_event_agg', 'mentions',
                    ['event_id', 'source_key', 'report_date', 'background', 'confidence'])
    op.create_index('ix_mentions_event_date', 'mentions', ['event_id', 'date', 'date_text'])
    sigs = sa.table('doc_sigs', sa.column('doc_id', sa.String), sa.column('sig', sa.LargeBinary))
    conn = op.get_bind()
    ids = sorted({r[0] for r in conn.execute(sa.select(_bands.c.doc_id).distinct())})
    for i in range(0, len(ids), CHUNK):
        rows = []
        for doc_id, text in conn.execute(sa.select(_docs.c.id, _docs.c.text)
                                         .where(_docs.c.id.in_(ids[i:i + CHUNK]))):
            sh = shingle_array(text or "")
            if len(sh):
                rows.append(dict(doc_id=doc_id, sig=pack(signature(sh))))
        if rows:
            conn.execute(sa.insert(sigs), rows)


def downgrade() -> None:
    op.drop_index('ix_mentions_event_date', table_name='mentions')
    op.drop_index('ix_mentions_event_agg', table_name='mentions')
    op.drop_table('doc_sigs')
