"""indexes for newest-first listings by source and by target

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_events_source_sort', 'events', ['source', 'sort_date'])
    op.create_index('ix_events_target_sort', 'events', ['target', 'sort_date'])


def downgrade() -> None:
    op.drop_index('ix_events_target_sort', table_name='events')
    op.drop_index('ix_events_source_sort', table_name='events')
