-- A reminder step is claimed per due date: (deadline, step, due_date). When a deadline's due date
-- moves (an extension, a pause that ends, a calendar edit), its T-3, T-1, due and overdue steps
-- are owed again for the new date, and each still fires once. Claims made before this migration
-- are keyed by the deadline's due date as stored now, the date they were made for unless it has
-- moved since. Portable DDL: rebuild and rename (SQLite cannot change a primary key in place).
CREATE TABLE reminder_claims_v2 (
    deadline_id BIGINT NOT NULL REFERENCES deadlines (id),
    step TEXT NOT NULL,                 -- 't-3' | 't-1' | 'due' | 'overdue'
    due_date TEXT NOT NULL,             -- YYYY-MM-DD, the due date the step was fired for
    claimed_at BIGINT NOT NULL,
    node TEXT NOT NULL,
    fencing_token BIGINT NOT NULL,
    PRIMARY KEY (deadline_id, step, due_date)
);
INSERT INTO reminder_claims_v2 (deadline_id, step, due_date, claimed_at, node, fencing_token)
SELECT c.deadline_id, c.step, d.due_date, c.claimed_at, c.node, c.fencing_token
FROM reminder_claims c JOIN deadlines d ON d.id = c.deadline_id;
DROP TABLE reminder_claims;
ALTER TABLE reminder_claims_v2 RENAME TO reminder_claims;
