import GRDB

/// The roll-up increments of one write batch (`WriteBatcher`), summed per row and written
/// once, just before the batch commits.
///
/// Why: every answer adds to ten roll-up rows (its `answerCounts` row and nine
/// `figureRollups` rows, `Dimensions`), and the ratings of one batch mostly add to the same
/// rows: the unit's day and month, the counter's month, the day's channel. Upserting each
/// answer's rows as it was recorded cost the rating path a quarter of its speed (9,997 ->
/// 7,360 ratings/s at 32 connections, bench/README.md); summed per batch, each row is
/// written once however many ratings the batch holds.
///
/// A job's increments are kept apart until its savepoint is released (`keepJob`), so a job
/// that fails adds nothing; `flush` runs inside the batch's transaction, so the roll-ups
/// commit with the answers they count or not at all. Touched only on the writer's thread,
/// inside `WriteBatcher`'s one transaction at a time.
final class RollupBatch: @unchecked Sendable {
    /// The current job's answers, summed into `batch` only when its savepoint is released:
    /// a plain list, so a job hashes each of its keys once (`keepJob`), not twice.
    private var job: [Counted] = []
    private var batch = Increments()

    /// Counts one answer of level `level` to `question` in the rows of `dims`.
    func add(_ dims: Dimensions, form: String, version: Int, question: String, meta: QuestionMeta, level: Int) {
        job.append(Counted(dims: dims, form: form, version: version, question: question, meta: meta, level: level))
    }

    /// The job's savepoint was released: its increments join the batch's.
    func keepJob() {
        for answer in job {
            batch.answerCounts[
                AnswerCountKey(dims: answer.dims, form: answer.form, version: answer.version, question: answer.question, level: answer.level),
                default: AnswerCount(meta: answer.meta, n: 0)
            ].n += 1
            // The coarser roll-ups hold levels 0 to 5 (every rating scale, the visits choice).
            guard (0...5).contains(answer.level) else { continue }
            for key in answer.dims.rollupKeys(form: answer.form, version: answer.version, question: answer.question) {
                batch.rollups[key, default: LevelCounts(meta: answer.meta)].add(level: answer.level)
            }
        }
        job.removeAll(keepingCapacity: true)
    }

    /// The job's savepoint was rolled back: its increments go with it.
    func dropJob() {
        job.removeAll(keepingCapacity: true)
    }

    /// Starts a batch with nothing counted: what a failed batch had counted was rolled back
    /// with it.
    func reset() {
        job.removeAll(keepingCapacity: true)
        batch = Increments()
    }

    /// Writes the batch's sums, one upsert per row.
    func flush(_ db: Database) throws {
        defer { reset() }
        guard !batch.isEmpty else { return }
        let count = try db.cachedStatement(
            sql: """
                INSERT INTO answerCounts (unitId, day, counterId, officerId, sectorId, procedureId, formId, formVersion,
                  questionId, scale, factor, overall, level, n)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (unitId, day, counterId, officerId, sectorId, procedureId, formId, formVersion, questionId, level)
                DO UPDATE SET n = n + excluded.n
                """)
        for (key, value) in batch.answerCounts {
            try count.execute(arguments: [
                key.unitId, key.day, key.counterId, key.officerId, key.sectorId, key.procedureId, key.formId, key.formVersion,
                key.questionId, value.meta.scale, value.meta.factor, value.meta.overall, key.level, value.n,
            ])
        }
        let rollup = try db.cachedStatement(
            sql: """
                INSERT INTO figureRollups (unitId, dim, grain, period, dimId, formId, formVersion, questionId, scale, factor, overall,
                  l0, l1, l2, l3, l4, l5)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (unitId, dim, grain, period, dimId, formId, formVersion, questionId) DO UPDATE SET
                  l0 = l0 + excluded.l0, l1 = l1 + excluded.l1, l2 = l2 + excluded.l2, l3 = l3 + excluded.l3,
                  l4 = l4 + excluded.l4, l5 = l5 + excluded.l5
                """)
        for (key, value) in batch.rollups {
            try rollup.execute(arguments: [
                key.unitId, key.dim, key.grain, key.period, key.dimId, key.formId, key.formVersion, key.questionId,
                value.meta.scale, value.meta.factor, value.meta.overall, value.l0, value.l1, value.l2, value.l3, value.l4, value.l5,
            ])
        }
    }

    /// One answer as `add` received it.
    private struct Counted {
        var dims: Dimensions
        var form: String
        var version: Int
        var question: String
        var meta: QuestionMeta
        var level: Int
    }

    private struct Increments {
        var answerCounts: [AnswerCountKey: AnswerCount] = [:]
        var rollups: [RollupKey: LevelCounts] = [:]
        var isEmpty: Bool { answerCounts.isEmpty && rollups.isEmpty }
    }

    private struct AnswerCount {
        var meta: QuestionMeta
        var n: Int
    }

    /// A row's six level counts as fields, not an array: no allocation per row.
    private struct LevelCounts {
        var meta: QuestionMeta
        var l0 = 0, l1 = 0, l2 = 0, l3 = 0, l4 = 0, l5 = 0

        mutating func add(level: Int) {
            switch level {
            case 0: l0 += 1
            case 1: l1 += 1
            case 2: l2 += 1
            case 3: l3 += 1
            case 4: l4 += 1
            default: l5 += 1
            }
        }
    }
}

/// The primary key of an `answerCounts` row.
struct AnswerCountKey: Hashable {
    var unitId: Int64
    var day: String
    var counterId: Int64
    var officerId: Int64
    var sectorId: Int64
    var procedureId: Int64
    var formId: String
    var formVersion: Int
    var questionId: String
    var level: Int

    init(dims: Dimensions, form: String, version: Int, question: String, level: Int) {
        unitId = dims.unitId
        day = dims.day
        counterId = dims.counterId
        officerId = dims.officerId
        sectorId = dims.sectorId
        procedureId = dims.procedureId
        formId = form
        formVersion = version
        questionId = question
        self.level = level
    }
}

/// The primary key of a `figureRollups` row.
struct RollupKey: Hashable {
    var unitId: Int64
    /// `AppDatabase.RollupDimension`'s raw value.
    var dim: Int
    /// "d" for a day row, "m" for a month row.
    var grain: String
    /// `YYYY-MM-DD` or `YYYY-MM`.
    var period: String
    var dimId: Int64
    var formId: String
    var formVersion: Int
    var questionId: String
}
