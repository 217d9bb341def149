import GRDB

/// What the database cannot do, in terms the service can answer with: a damaged file
/// refused at start, or storage that is full or failing while a write runs.
public enum StorageFailure: Error, CustomStringConvertible, Equatable {
    case corrupt(path: String, detail: String)

    public var description: String {
        switch self {
        case .corrupt(let path, let detail):
            """
            cơ sở dữ liệu bị hỏng, không khởi động: \(path) (\(detail)). \
            Khôi phục từ bản sao lưu gần nhất: hailong restore --from BẢN_SAO --to THƯ_MỤC_MỚI. \
            (The database is damaged and was refused at start; restore the latest backup with hailong restore.)
            """
        }
    }

    /// True when a write failed because the disk is full or its I/O failed: nothing of that
    /// write was committed, and a later attempt may succeed. The service answers 503.
    public static func isStorageUnavailable(_ error: any Error) -> Bool {
        guard let error = error as? DatabaseError else { return false }
        return error.resultCode == .SQLITE_FULL || error.resultCode == .SQLITE_IOERR
    }
}
