import Foundation

/// The data directory holds every rating and the staff's password hashes: only the server's
/// own user may read it, whatever the umask. Things are created with their final mode (the
/// umask can only take bits away), and what exists already is only ever tightened.
enum PrivateFiles {
    /// Creates `path` as a 0700 directory, its parents as usual. An existing directory is
    /// tightened to owner-only only when it belongs to this user and holds nothing but
    /// entries for which `isOurs` is true: a shared folder named by mistake stays as it is.
    static func prepareDirectory(_ path: String, isOurs: (String) -> Bool) throws {
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, !FileManager.default.fileExists(atPath: parent) {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        }
        if mkdir(path, 0o700) == 0 { return }
        guard errno == EEXIST else { throw Self.error(path) }
        var info = stat()
        guard stat(path, &info) == 0 else { throw Self.error(path) }
        guard info.st_uid == geteuid(), info.st_mode & 0o077 != 0 else { return }
        guard try FileManager.default.contentsOfDirectory(atPath: path).allSatisfy(isOurs) else { return }
        // `& 0o700` keeps whatever the owner had: tightening, never loosening.
        guard chmod(path, info.st_mode & 0o700) == 0 else { throw Self.error(path) }
    }

    /// Creates `path` as an empty 0600 file when it does not exist. SQLite gives a
    /// database's -wal and -shm files the database file's mode, so creating it first makes
    /// all three owner-only. An existing file is tightened like the directory.
    static func prepareFile(_ path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor >= 0 {
            close(descriptor)
            return
        }
        guard errno == EEXIST else { throw Self.error(path) }
        try tighten(path)
    }

    /// Takes group and other permissions off an existing regular file of this user; does
    /// nothing to a missing file, a link, or someone else's file.
    static func tighten(_ path: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return }
            throw Self.error(path)
        }
        guard info.st_mode & S_IFMT == S_IFREG, info.st_uid == geteuid(), info.st_mode & 0o077 != 0 else { return }
        guard chmod(path, info.st_mode & 0o700) == 0 else { throw Self.error(path) }
    }

    private static func error(_ path: String) -> any Error {
        let code = POSIXErrorCode(rawValue: errno) ?? .EIO
        return NSError(domain: NSPOSIXErrorDomain, code: Int(code.rawValue), userInfo: [NSFilePathErrorKey: path])
    }
}
