-- The dispute register (issue 4 §4): the enforcement domain (执法领域) the dispute concerns, a
-- filter and statistics key (org/domains.hpp codes; '' when the applicant did not say), and the
-- date the dispute ended (closed, refused or withdrawn; Asia/Shanghai), from which the register
-- computes handling days. Disputes concluded before this migration keep concluded_on NULL and are
-- left out of the average rather than given a guessed date.
ALTER TABLE disputes ADD COLUMN domain TEXT NOT NULL DEFAULT '';
ALTER TABLE disputes ADD COLUMN concluded_on TEXT;
CREATE INDEX disputes_domain ON disputes (domain, status);
