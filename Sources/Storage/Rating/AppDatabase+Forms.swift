import Crypto
import Domain
import Foundation
import GRDB

/// A form version that already has responses and whose file now says something else.
public struct FrozenFormChanged: Error, Equatable, CustomStringConvertible {
    public var formId: String
    public var version: Int
    public var file: String

    public var description: String {
        "\(file): phiếu \(formId) phiên bản \(version) đã có câu trả lời nên không được sửa; hãy tạo phiên bản mới "
            + "(form \(formId) version \(version) already has responses and may not change; add a new version)"
    }
}

extension AppDatabase {
    /// Brings the stored form versions in line with the files: new versions are stored, a
    /// changed version without responses is replaced, a changed version with responses stops
    /// the start. Returns every stored version, including those whose file is gone, because
    /// old responses are read with the form they answered.
    public func syncForms(_ forms: [(definition: FormDefinition, file: String)], now: Date) async throws -> [FormDefinition] {
        try await pool.write { db in
            for (form, file) in forms {
                let definition = try Self.canonicalJSON(form)
                let hash = Hex.encode(SHA256.hash(data: Data(definition.utf8)))
                let stored = try String.fetchOne(
                    db, sql: "SELECT contentHash FROM formVersions WHERE formId = ? AND version = ?", arguments: [form.id, form.version])
                if stored == hash { continue }
                if stored != nil {
                    let used = try Bool.fetchOne(
                        db, sql: "SELECT EXISTS (SELECT 1 FROM responses WHERE formId = ? AND formVersion = ?)",
                        arguments: [form.id, form.version]) ?? false
                    if used { throw FrozenFormChanged(formId: form.id, version: form.version, file: file) }
                }
                try db.execute(
                    sql: """
                        INSERT INTO formVersions (formId, version, contentHash, definition, loadedAt) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (formId, version) DO UPDATE SET contentHash = excluded.contentHash,
                          definition = excluded.definition, loadedAt = excluded.loadedAt
                        """, arguments: [form.id, form.version, hash, definition, now])
            }
            return try String.fetchAll(db, sql: "SELECT definition FROM formVersions ORDER BY formId, version").map { json in
                try JSONDecoder().decode(FormDefinition.self, from: Data(json.utf8))
            }
        }
    }

    /// The form as the service reads it, keys sorted: whitespace or key order in the file
    /// is no change, any change of meaning is.
    static func canonicalJSON(_ form: FormDefinition) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(form), as: UTF8.self)
    }
}
