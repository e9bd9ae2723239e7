-- The citywide procedure for jurisdiction disputes (Art 6 ¶2: 市行政执法协调监督部门应当制定完善具体
-- 的行政执法职责争议协调处理程序办法): its time limits in working days, set by the CITY department
-- only; county departments follow it. One row (id 1); absent, REQUIREMENTS §18's defaults apply.
-- A change applies to deadlines started after it.
CREATE TABLE dispute_procedure (
    id BIGINT PRIMARY KEY,
    review_days INTEGER NOT NULL,
    supplement_days INTEGER NOT NULL,
    position_days INTEGER NOT NULL,
    coordination_days INTEGER NOT NULL,
    basis_note TEXT NOT NULL DEFAULT '',  -- the city department's document that adopted it
    version BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    updated_by BIGINT NOT NULL
);
