import CQRencode

/// A QR symbol as a square of modules (true = dark), without the quiet zone.
public struct QRMatrix: Sendable, Equatable {
    public let size: Int
    public let modules: [Bool]

    public init(size: Int, modules: [Bool]) {
        precondition(modules.count == size * size, "a QR matrix is square")
        self.size = size
        self.modules = modules
    }

    public subscript(x: Int, y: Int) -> Bool { modules[y * size + x] }

    /// Error correction level. M (15%) survives a scuffed poster while keeping the symbol small.
    public enum ErrorCorrection: Sendable {
        case low, medium, quartile, high

        var level: QRecLevel {
            switch self {
            case .low: QR_ECLEVEL_L
            case .medium: QR_ECLEVEL_M
            case .quartile: QR_ECLEVEL_Q
            case .high: QR_ECLEVEL_H
            }
        }
    }

    /// Encodes `text` (UTF-8, byte mode, case kept) with libqrencode.
    public static func encode(_ text: String, correction: ErrorCorrection = .medium) throws(QRCodeError) -> QRMatrix {
        guard !text.isEmpty else { throw .emptyText }
        // libqrencode reads a C string: a NUL would silently end the text early.
        guard !text.utf8.contains(0) else { throw .containsNUL }
        // version 0 lets libqrencode pick the smallest version that fits.
        guard let symbol = QRcode_encodeString8bit(text, 0, correction.level) else { throw .tooLong }
        defer { QRcode_free(symbol) }
        let width = Int(symbol.pointee.width)
        guard width > 0, let data = symbol.pointee.data else { throw .tooLong }
        // Bit 0 of each byte is the module's colour; the other bits describe its role.
        let modules = (0..<width * width).map { data[$0] & 1 == 1 }
        return QRMatrix(size: width, modules: modules)
    }
}

public enum QRCodeError: Error, Equatable {
    case emptyText
    /// The text holds a NUL byte, which the C encoder cannot carry.
    case containsNUL
    /// libqrencode refused the text: longer than the largest QR version holds.
    case tooLong
}
