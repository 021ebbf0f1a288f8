"""state_events: the fold inputs of each recognition / relations event

The writer keeps derived state up to date batch by batch with it. It starts empty: a pair
whose events have no rows here is folded again in full the first time a batch touches it,
which fills them.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28
"""
import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('state_events',
                    sa.Column('event_id', sa.String(length=40), nullable=False),
                    sa.Column('kind', sa.String(length=16), nullable=False),
                    sa.Column('a', sa.String(length=32), nullable=False),
                    sa.Column('b', sa.String(length=32), nullable=False),
                    sa.Column('date', sa.String(length=10), nullable=True),
                    sa.Column('date_precision', sa.String(length=8), nullable=True),
                    sa.Column('date_lo', sa.String(length=10), nullable=True),
                    sa.Column('first_report', sa.String(length=10), nullable=True),
                    sa.Column('num_sources', sa.Integer(), nullable=True),
                    sa.Column('confidence', sa.Float(), nullable=True),
                    sa.Column('start', sa.String(length=10), nullable=True),
                    sa.PrimaryKeyConstraint('event_id'))
    op.create_index('ix_state_events_pair', 'state_events', ['kind', 'a', 'b', 'start'])


def downgrade() -> None:
    op.drop_index('ix_state_events_pair', table_name='state_events')
    op.drop_table('state_events')
