"""LSH band keys of stored texts, for near-duplicate copies

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""
import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('doc_bands',
                    sa.Column('band', sa.String(length=24), nullable=False),
                    sa.Column('doc_id', sa.String(length=128), nullable=False),
                    sa.ForeignKeyConstraint(['doc_id'], ['documents.id']),
                    sa.PrimaryKeyConstraint('band', 'doc_id'))


def downgrade() -> None:
    op.drop_table('doc_bands')
