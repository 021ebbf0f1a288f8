"""One covering index of mentions by event, instead of two

``ix_mentions_event_agg`` (event, source key, report date, background, confidence) and
``ix_mentions_event_date`` (event, date, date text) were both keyed by the event id, a
hash: every mention put an entry at a random place of each, a page written per entry once
a store is large. ``ix_mentions_event_cover`` holds both sets of columns in one entry:
the aggregates, the (event, source) probes and the per-event dates are read from it alone.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29
"""
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_mentions_event_cover', 'mentions',
                    ['event_id', 'source_key', 'report_date', 'background', 'confidence',
                     'date', 'date_text'])
    op.drop_index('ix_mentions_event_agg', table_name='mentions')
    op.drop_index('ix_mentions_event_date', table_name='mentions')


def downgrade() -> None:
    op.create_index('ix_mentions_event_agg', 'mentions',
                    ['event_id', 'source_key', 'report_date', 'background', 'confidence'])
    op.create_index('ix_mentions_event_date', 'mentions', ['event_id', 'date', 'date_text'])
    op.drop_index('ix_mentions_event_cover', table_name='mentions')
