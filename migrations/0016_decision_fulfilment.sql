-- The follow-up of a 行政执法监督决定 (Art 14 ¶2; REQUIREMENTS §8: each item "with its own deadline
-- and follow-up"): the date the agency carried an item out and what the department recorded of it.
ALTER TABLE supervision_decision_items ADD COLUMN fulfilled_on TEXT;
ALTER TABLE supervision_decision_items ADD COLUMN fulfilment TEXT NOT NULL DEFAULT '';
