"""Event candidates by claim and date; two indexes that repeated another's prefix

``ix_events_claim`` (claim, date_hi, last_report) replaces ``ix_events_key`` (claim): the
writer's candidate lookup seeks to the mention's dates instead of reading every event of
the claim. ``ix_events_source_target`` and ``ix_mentions_event`` are dropped: every query
they served is served by the prefix of ``ix_events_claim`` and ``ix_mentions_event_agg``,
and each index costs a page write per inserted row.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28
"""
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_events_claim', 'events',
                    ['source', 'target', 'type', 'polarity', 'date_hi', 'last_report'])
    op.drop_index('ix_events_key', table_name='events')
    op.drop_index('ix_events_source_target', table_name='events')
    op.drop_index('ix_mentions_event', table_name='mentions')


def downgrade() -> None:
    op.create_index('ix_mentions_event', 'mentions', ['event_id'])
    op.create_index('ix_events_source_target', 'events', ['source', 'target'])
    op.create_index('ix_events_key', 'events', ['source', 'target', 'type', 'polarity'])
    op.drop_index('ix_events_claim', table_name='events')
