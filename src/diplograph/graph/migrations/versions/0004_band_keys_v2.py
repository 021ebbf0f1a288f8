"""near-duplicate band keys of the numpy MinHash ("m2:" keys)

Stores written before this revision hold band keys of the old pure-Python MinHash
(61-bit permutations, keys "0:...".."7:..."), which the new code never computes: without
this step a stored text would no longer be found by its copies. The keys of every text
that has keys are recomputed from the stored text with ``neardup.bands``.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""
import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

_bands = sa.table('doc_bands', sa.column('band', sa.String), sa.column('doc_id', sa.String))
_docs = sa.table('documents', sa.column('id', sa.String), sa.column('text', sa.Text))
CHUNK = 500


def upgrade() -> None:
    from diplograph.graph.neardup import KEY_VERSION, bands, shingle_array

    conn = op.get_bind()
    stale = sa.not_(_bands.c.band.like(f"{KEY_VERSION}:%"))
    ids = sorted({r[0] for r in conn.execute(sa.select(_bands.c.doc_id).where(stale))})
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i:i + CHUNK]
        rows = []
        for doc_id, text in conn.execute(sa.select(_docs.c.id, _docs.c.text)
                                         .where(_docs.c.id.in_(chunk))):
            rows += [dict(band=k, doc_id=doc_id) for k in bands(shingle_array(text or ""))]
        conn.execute(sa.delete(_bands).where(_bands.c.doc_id.in_(chunk)))
        if rows:
            conn.execute(sa.insert(_bands), rows)


def downgrade() -> None:
    # the old keys cannot be recomputed by this code: drop them; near-duplicate detection
    # of the downgraded store then starts from the texts added after the downgrade
    op.execute(_bands.delete())
