import GRDB

extension AppDatabase {
    /// The rating tablets at the counters (issue 12), the ledger that records each of their taps
    /// once, and the figures by channel: `figureRollups` gains dimension 5, the response's
    /// channel (1 web, 2 api, 3 kiosk, 0 anything else), with day and month rows, filled here
    /// from the responses already recorded.
    static func registerKioskMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v8-kiosk") { db in
            // A tablet bound to one counter. Its credential (a cookie) and its pairing code are
            // kept as SHA-256 hashes only. A used code's hash stays, so a second use is told
            // "already used" rather than "wrong"; a new code replaces it.
            try db.create(table: "kioskDevices") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("unit", inTable: "units").notNull()
                t.belongsTo("counter", inTable: "counters").notNull()
                t.column("name", .text).notNull()
                // Ask the five factor questions after the overall one.
                t.column("askFactors", .boolean).notNull().defaults(to: false)
                t.column("credentialHash", .text).unique()
                t.column("pairingCodeHash", .text).unique()
                t.column("pairingExpiresAt", .datetime)
                t.column("pairingUsedAt", .datetime)
                t.column("createdAt", .datetime).notNull()
                t.column("createdBy", .text).notNull()
                t.column("pairedAt", .datetime)
                t.column("lastSeenAt", .datetime)
                // When the last idle-screen tap that counted was made (server time, see
                // KioskTapTiming): the minimum interval survives a restart.
                t.column("lastCountedTapAt", .datetime)
                t.column("revokedAt", .datetime)
            }
            // Every tap a device sent, by the key the device gave it: a resend finds its row and
            // writes nothing. `outcome` is `recorded` (with its response) or `not-counted`
            // (inside the minimum interval); `detailsAt` when the factor answers joined it.
            try db.create(table: "kioskTaps", options: [.withoutRowID]) { t in
                t.column("deviceId", .integer).notNull().references("kioskDevices")
                t.column("key", .text).notNull()
                t.column("receivedAt", .datetime).notNull()
                t.column("outcome", .text).notNull()
                t.column("responseId", .integer).references("responses")
                t.primaryKey(["deviceId", "key"])
            }
            let levels = (0...5).map { "SUM(CASE a.level WHEN \($0) THEN 1 ELSE 0 END)" }.joined(separator: ", ")
            // Scale, factor and overall of each question, as the roll-ups of v1 and v7 hold them.
            let meta = """
                SELECT formId, formVersion, questionId, MAX(scale) AS scale, MAX(factor) AS factor, MAX(overall) AS overall
                FROM answerCounts GROUP BY formId, formVersion, questionId
                """
            let channelId = "CASE r.channel WHEN 'web' THEN 1 WHEN 'api' THEN 2 WHEN 'kiosk' THEN 3 ELSE 0 END"
            for (grain, period) in [("d", "r.day"), ("m", "substr(r.day, 1, 7)")] {
                try db.execute(
                    sql: """
                        INSERT INTO figureRollups (unitId, dim, grain, period, dimId, formId, formVersion, questionId, scale, factor, overall,
                          l0, l1, l2, l3, l4, l5)
                        SELECT r.unitId, 5, '\(grain)', \(period), \(channelId), r.formId, r.formVersion, a.questionId,
                          m.scale, m.factor, m.overall, \(levels)
                        FROM responses r JOIN answers a ON a.responseId = r.id
                        JOIN (\(meta)) m ON m.formId = r.formId AND m.formVersion = r.formVersion AND m.questionId = a.questionId
                        WHERE a.level BETWEEN 0 AND 5
                        GROUP BY r.unitId, \(period), \(channelId), r.formId, r.formVersion, a.questionId
                        """)
            }
        }
    }
}
