import GRDBSQLite

/// SQLite's own heap, process-wide: page caches, prepared statements, schema. Read for the
/// metrics, so a soak can tell SQLite's share of the resident memory from the rest; each
/// connection's page cache is bounded (`cache_size`), so this must level off.
public enum SQLiteMemory {
    /// Bytes SQLite holds now.
    public static var used: Int64 { sqlite3_memory_used() }
    /// The most SQLite has held at once since start.
    public static var highWater: Int64 { sqlite3_memory_highwater(0) }
}
