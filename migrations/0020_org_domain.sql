-- The enforcement domain (执法领域, org/domains.hpp codes) of an organisation: statistical reports roll
-- up by it (issue 7 §4, "by region, level, domain and period"). '' when not classified (未分类): the
-- directory is kept by the departments, and an organisation created before this column has none.
ALTER TABLE organizations ADD COLUMN domain TEXT NOT NULL DEFAULT '';
