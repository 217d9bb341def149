import CDeflate
import Domain
import Foundation

/// Writes a ZIP archive (the container of an XLSX workbook): entries deflated with zlib, each
/// local header patched with its CRC-32 and sizes once the entry is written, then the central
/// directory. Entries are given as bytes or as a file that is read and deflated in chunks, so
/// a sheet of a million rows is never held in memory.
///
/// Why not ZIPFoundation, which this replaced: on Linux it calls Foundation's
/// `fileSystemRepresentation(withPath:)` for the archive and each entry, whose buffer the
/// caller must free and ZIPFoundation does not; every workbook leaked about 2 KB, without
/// bound (bench/README.md, the soak of 2026-11-30).
///
/// No ZIP64: an entry or the archive over 4 GiB is refused (`Failure.tooLarge`); a ward's
/// largest export (a million ratings) is a few hundred MB of sheet XML.
final class ZipWriter {
    enum Failure: Error {
        case tooLarge
        case finished
    }

    private struct Entry {
        let name: [UInt8]
        let offset: UInt32
        let crc: UInt32
        let compressed: UInt32
        let size: UInt32
    }

    private let handle: FileHandle
    private var entries: [Entry] = []
    private var offset: UInt64 = 0
    private var finished = false
    /// The archive's modification time and date, as MS-DOS encodes them (local time).
    private let dosTime: UInt16
    private let dosDate: UInt16

    /// Creates (or empties) the file at `url`.
    init(url: URL, now: Date = Date()) throws {
        FileManager.default.createFile(atPath: url.path, contents: nil)
        handle = try FileHandle(forWritingTo: url)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = LocalDate.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: now)
        dosTime = UInt16((parts.hour ?? 0) << 11 | (parts.minute ?? 0) << 5 | (parts.second ?? 0) / 2)
        dosDate = UInt16(max(0, (parts.year ?? 1980) - 1980) << 9 | (parts.month ?? 1) << 5 | (parts.day ?? 1))
    }

    deinit {
        try? handle.close()
    }

    /// Adds an entry holding `bytes`.
    func add(_ name: String, bytes: [UInt8]) throws {
        try addEntry(name) { deflater, output, crc, size in
            crc = bytes.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, UInt32($0.count))) }
            size = UInt64(bytes.count)
            try deflater.deflate(bytes, flush: Z_FINISH, into: &output)
            try write(&output)
        }
    }

    /// Adds an entry holding the file at `file`, read and deflated 64 KB at a time.
    func add(_ name: String, file: URL) throws {
        let input = try FileHandle(forReadingFrom: file)
        defer { try? input.close() }
        try addEntry(name) { deflater, output, crc, size in
            var running: UInt = 0
            while let data = try input.read(upToCount: 64 * 1024), !data.isEmpty {
                running = data.withUnsafeBytes { crc32(running, $0.bindMemory(to: UInt8.self).baseAddress, UInt32($0.count)) }
                size += UInt64(data.count)
                try deflater.deflate(data, flush: Z_NO_FLUSH, into: &output)
                try write(&output)
            }
            try deflater.deflate([], flush: Z_FINISH, into: &output)
            try write(&output)
            crc = UInt32(truncatingIfNeeded: running)
        }
    }

    /// Writes the central directory; the archive is complete after this.
    func finish() throws {
        guard !finished else { throw Failure.finished }
        finished = true
        let start = offset
        var directory: [UInt8] = []
        for entry in entries {
            directory.append(le32: 0x0201_4b50)
            directory.append(le16: 0x031E)  // made by: Unix, ZIP 3.0
            directory.append(le16: 20)  // needed: 2.0 (deflate)
            directory.append(le16: 0x0800)  // names in UTF-8
            directory.append(le16: 8)  // deflate
            directory.append(le16: dosTime)
            directory.append(le16: dosDate)
            directory.append(le32: entry.crc)
            directory.append(le32: entry.compressed)
            directory.append(le32: entry.size)
            directory.append(le16: UInt16(entry.name.count))
            directory.append(le16: 0)  // extra field
            directory.append(le16: 0)  // comment
            directory.append(le16: 0)  // disk
            directory.append(le16: 0)  // internal attributes
            directory.append(le32: 0o100644 << 16)  // a regular file, rw-r--r--
            directory.append(le32: entry.offset)
            directory.append(contentsOf: entry.name)
        }
        let size = UInt64(directory.count)
        guard start + size <= UInt64(UInt32.max), entries.count <= Int(UInt16.max) else { throw Failure.tooLarge }
        directory.append(le32: 0x0605_4b50)
        directory.append(le16: 0)  // this disk
        directory.append(le16: 0)  // the directory's disk
        directory.append(le16: UInt16(entries.count))
        directory.append(le16: UInt16(entries.count))
        directory.append(le32: UInt32(size))
        directory.append(le32: UInt32(start))
        directory.append(le16: 0)  // comment
        try write(&directory)
        try handle.close()
    }

    /// A local header with the CRC and sizes left zero, the entry's data from `body`, then the
    /// header's CRC and sizes written in place.
    private func addEntry(
        _ name: String, body: (RawDeflater, inout [UInt8], inout UInt32, inout UInt64) throws -> Void
    ) throws {
        guard !finished else { throw Failure.finished }
        guard offset <= UInt64(UInt32.max) else { throw Failure.tooLarge }
        let start = offset
        let nameBytes = Array(name.utf8)
        var header: [UInt8] = []
        header.append(le32: 0x0403_4b50)
        header.append(le16: 20)
        header.append(le16: 0x0800)
        header.append(le16: 8)
        header.append(le16: dosTime)
        header.append(le16: dosDate)
        header.append(contentsOf: [UInt8](repeating: 0, count: 12))  // CRC, compressed size, size
        header.append(le16: UInt16(nameBytes.count))
        header.append(le16: 0)
        header.append(contentsOf: nameBytes)
        try write(&header)
        let dataStart = offset

        let deflater = try RawDeflater(level: Z_DEFAULT_COMPRESSION)
        var output: [UInt8] = []
        var crc: UInt32 = 0
        var size: UInt64 = 0
        try body(deflater, &output, &crc, &size)
        let compressed = offset - dataStart
        guard compressed <= UInt64(UInt32.max), size <= UInt64(UInt32.max) else { throw Failure.tooLarge }

        var sizes: [UInt8] = []
        sizes.append(le32: crc)
        sizes.append(le32: UInt32(compressed))
        sizes.append(le32: UInt32(size))
        try handle.seek(toOffset: start + 14)
        try handle.write(contentsOf: sizes)
        try handle.seekToEnd()
        entries.append(Entry(name: nameBytes, offset: UInt32(start), crc: crc, compressed: UInt32(compressed), size: UInt32(size)))
    }

    /// Appends `bytes` to the archive and empties them.
    private func write(_ bytes: inout [UInt8]) throws {
        guard !bytes.isEmpty else { return }
        try handle.write(contentsOf: bytes)
        offset += UInt64(bytes.count)
        bytes.removeAll(keepingCapacity: true)
    }
}

extension [UInt8] {
    fileprivate mutating func append(le16 value: UInt16) {
        append(UInt8(value & 0xff))
        append(UInt8(value >> 8))
    }

    fileprivate mutating func append(le32 value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { append(UInt8((value >> UInt32(shift)) & 0xff)) }
    }
}
