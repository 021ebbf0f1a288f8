"""LSH band keys in segments: (seg, band, doc_id), and the list of live segments

New band keys go to a small open segment (0) instead of random places of one large
B-tree (see ``graph/bandindex.py``). The stored keys become one sealed segment, written
in key order; on SQLite the table is WITHOUT ROWID (the key is the whole row). It has no
foreign key to ``documents``: merges copy every key again, and checking each copied row
against ``documents`` doubled their cost; the keys of a text are derived from it, and
only failed documents (which have none) are ever deleted.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    from diplograph.graph.bandindex import level_of

    op.create_table('doc_bands_seg',
                    sa.Column('seg', sa.Integer(), nullable=False),
                    sa.Column('band', sa.String(length=24), nullable=False),
                    sa.Column('doc_id', sa.String(length=128), nullable=False),
                    sa.PrimaryKeyConstraint('seg', 'band', 'doc_id', name='pk_doc_bands'),
                    sqlite_with_rowid=False)
    op.create_table('band_segments',
                    sa.Column('seg', sa.Integer(), autoincrement=False, nullable=False),
                    sa.Column('level', sa.Integer(), nullable=False),
                    sa.Column('entries', sa.Integer(), nullable=False),
                    sa.PrimaryKeyConstraint('seg'))
    conn = op.get_bind()
    n = conn.execute(sa.text("SELECT count(*) FROM doc_bands")).scalar() or 0
    segs = [dict(seg=0, level=0, entries=0)]
    if n:
        conn.execute(sa.text("INSERT INTO doc_bands_seg (seg, band, doc_id) "
                             "SELECT 1, band, doc_id FROM doc_bands ORDER BY band, doc_id"))
        segs.append(dict(seg=1, level=level_of(n), entries=n))
    op.bulk_insert(sa.table('band_segments', sa.column('seg', sa.Integer),
                            sa.column('level', sa.Integer), sa.column('entries', sa.Integer)),
                   segs)
    op.drop_table('doc_bands')
    op.rename_table('doc_bands_seg', 'doc_bands')


def downgrade() -> None:
    op.create_table('doc_bands_old',
                    sa.Column('band', sa.String(length=24), nullable=False),
                    sa.Column('doc_id', sa.String(length=128), nullable=False),
                    sa.ForeignKeyConstraint(['doc_id'], ['documents.id']),
                    sa.PrimaryKeyConstraint('band', 'doc_id'))
    op.execute("INSERT INTO doc_bands_old (band, doc_id) "
               "SELECT DISTINCT band, doc_id FROM doc_bands")
    op.drop_table('doc_bands')
    op.drop_table('band_segments')
    op.rename_table('doc_bands_old', 'doc_bands')
