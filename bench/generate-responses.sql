-- Raw ratings for the export benchmark (bench/export.sh) and the export memory test: __ROWS__
-- responses in tam-phuoc of a demo database, written straight into `responses` and `answers`
-- in one transaction (seconds for a million; the rating path would take hours). Days spread
-- over 01/5-16/11/2026, three counters, three officers (every third rating without one), the
-- demo's procedures; every rating answers the overall question, every fourth also the five
-- factors' criteria and the return-visits question. The roll-ups are not written: the raw
-- export reads only these two tables. `__ROWS__` is replaced before running.
BEGIN;
CREATE TEMP TABLE genQuestions(id TEXT);
INSERT INTO genQuestions VALUES ('access-1'), ('access-2'), ('access-3'), ('procedure-1'), ('procedure-2'), ('procedure-3'),
  ('officer-1'), ('officer-2'), ('officer-3'), ('result-1'), ('result-2'), ('result-3'), ('feedback-1'), ('feedback-2');
CREATE TEMP TABLE genProcedures AS SELECT ROW_NUMBER() OVER (ORDER BY id) - 1 AS n, id, sectorId FROM procedures;
CREATE TEMP TABLE genUnit AS SELECT id FROM units WHERE code = 'tam-phuoc';
CREATE TEMP TABLE genCounters AS
  SELECT ROW_NUMBER() OVER (ORDER BY c.id) - 1 AS n, c.id FROM counters c JOIN genUnit u ON c.unitId = u.id LIMIT 3;
CREATE TEMP TABLE genOfficers AS
  SELECT ROW_NUMBER() OVER (ORDER BY o.id) - 1 AS n, o.id FROM officers o JOIN genUnit u ON o.unitId = u.id LIMIT 3;
WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < __ROWS__)
INSERT INTO responses (unitId, counterId, officerId, procedureId, sectorId, ticketId, channel, formId, formVersion, createdAt, day,
  submissionKey, detailsUntil)
SELECT u.id, c.id, CASE WHEN seq.i % 3 = 0 THEN NULL ELSE o.id END, p.id, p.sectorId, NULL, 'web', 'sipas-counter', 1,
  date('2026-05-01', '+' || (seq.i * 200 / __ROWS__) || ' days') || ' 02:00:00.000',
  date('2026-05-01', '+' || (seq.i * 200 / __ROWS__) || ' days'),
  'gen-' || seq.i, '2026-05-01 00:00:00.000'
FROM seq CROSS JOIN genUnit u
  JOIN genCounters c ON c.n = seq.i % (SELECT COUNT(*) FROM genCounters)
  JOIN genOfficers o ON o.n = seq.i % (SELECT COUNT(*) FROM genOfficers)
  JOIN genProcedures p ON p.n = seq.i % (SELECT COUNT(*) FROM genProcedures);
INSERT INTO answers (responseId, questionId, level)
  SELECT id, 'overall', 1 + id % 3 FROM responses WHERE submissionKey LIKE 'gen-%';
INSERT INTO answers (responseId, questionId, level)
  SELECT r.id, q.id, (r.id + length(q.id)) % 6 FROM responses r, genQuestions q WHERE r.id % 4 = 0 AND r.submissionKey LIKE 'gen-%';
INSERT INTO answers (responseId, questionId, level)
  SELECT id, 'visits', id % 3 FROM responses WHERE id % 4 = 0 AND submissionKey LIKE 'gen-%';
COMMIT;
