import Domain
import Hummingbird
import NIOHTTP1
import Storage

/// An error a user sees: a status, a stable code for API clients, and a message in
/// Vietnamese first and English second.
public struct AppError: Error, HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: LocalizedText
    /// What the person can do about it, shown on pages under the message.
    public var advice: LocalizedText?
    /// The centre and counter the error happened at, when known: a citizen's error page
    /// keeps the centre's header.
    var header: CentreHeader?

    public init(_ status: HTTPResponse.Status, _ code: String, vi: String, en: String, advice: LocalizedText? = nil) {
        self.status = status
        self.code = code
        self.message = LocalizedText(vi: vi, en: en)
        self.advice = advice
    }

    /// Outside the error middleware (which renders pages and JSON itself) answer JSON.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        try APIErrorBody(self).response(status: status)
    }
}

extension AppError {
    static let badRequestBody = AppError(
        .badRequest, "invalid_body", vi: "Dữ liệu gửi lên không đọc được.", en: "The request body could not be read.")
    static let invalidUTF8 = AppError(
        .badRequest, "invalid_utf8", vi: "Dữ liệu gửi lên không phải văn bản UTF-8 hợp lệ.", en: "The request body is not valid UTF-8.")
    static let tooLarge = AppError(
        .contentTooLarge, "too_large", vi: "Dữ liệu gửi lên quá lớn.", en: "The request body is too large.")
    static let unsupportedMediaType = AppError(
        .unsupportedMediaType, "unsupported_media_type", vi: "Kiểu dữ liệu gửi lên không được hỗ trợ.",
        en: "This content type is not supported.")
    static let notFound = AppError(
        .notFound, "not_found", vi: "Không tìm thấy trang này.", en: "Page not found.",
        advice: LocalizedText(vi: "Vui lòng kiểm tra lại địa chỉ.", en: "Please check the address."))
    /// No unit is known for a forged token, so its page stands under the service's own header.
    static let unknownToken: AppError = {
        var error = AppError(
            .notFound, "unknown_token", vi: "Không tìm thấy mã đánh giá này.", en: "This rating code does not exist.",
            advice: LocalizedText(
                vi: "Vui lòng quét lại mã QR tại quầy, hoặc hỏi cán bộ để lấy mã mới.",
                en: "Please scan the QR code at the counter again, or ask the officer for a new code."))
        error.header = .service
        return error
    }()
    static let ticketUsed = AppError(
        .gone, "ticket_used", vi: "Mã QR này đã được dùng để đánh giá.", en: "This QR code has already been used.",
        advice: LocalizedText(
            vi: "Mỗi mã chỉ đánh giá được một lần. Nếu Ông/Bà chưa đánh giá, vui lòng hỏi cán bộ để lấy mã mới. Xin cảm ơn!",
            en: "Each code takes one rating. If you have not rated yet, please ask the officer for a new code. Thank you!"))
    static let ticketExpired = AppError(
        .gone, "ticket_expired", vi: "Mã QR này đã hết hạn đánh giá.", en: "This QR code has expired.",
        advice: LocalizedText(
            vi: "Vui lòng hỏi cán bộ để lấy mã mới, hoặc quét mã QR dán tại quầy.",
            en: "Please ask the officer for a new code, or scan the QR poster at the counter."))
    static let detailsClosed = AppError(
        .gone, "details_closed", vi: "Đã hết thời gian bổ sung ý kiến cho lượt đánh giá này. Đánh giá chung vẫn được giữ nguyên.",
        en: "The time to add details to this rating has passed. The overall rating is kept.")
    static let invalidKey = AppError(
        .badRequest, "invalid_key", vi: "Phiếu đánh giá không hợp lệ.", en: "This form is not valid.",
        advice: LocalizedText(vi: "Vui lòng quét lại mã QR tại quầy.", en: "Please scan the QR code at the counter again."))
    static let unauthorized = AppError(
        .unauthorized, "unauthorized", vi: "Thiếu hoặc sai khóa API, hoặc phiên đăng nhập đã hết hạn.",
        en: "Missing or invalid API key, or the signed-in session has expired.")
    static let forbidden = AppError(
        .forbidden, "forbidden", vi: "Khóa API này không có quyền với đơn vị được yêu cầu.", en: "This API key has no access to that unit.")
    static let headNotAllowed = AppError(
        .methodNotAllowed, "method_not_allowed", vi: "Trang này không trả lời yêu cầu HEAD; vui lòng dùng GET.",
        en: "This page does not answer HEAD; use GET.")
    static let notSignedIn = AppError(.unauthorized, "not_signed_in", vi: "Vui lòng đăng nhập.", en: "Please sign in.")
    static let csrfRefused = AppError(
        .forbidden, "csrf", vi: "Phiên làm việc của biểu mẫu không hợp lệ hoặc đã hết hạn. Vui lòng tải lại trang và thử lại.",
        en: "This form's session token is missing or expired. Reload the page and try again.")
    static let staffForbidden = AppError(
        .forbidden, "forbidden", vi: "Tài khoản của Ông/Bà không có quyền với nội dung này.", en: "Your account has no access to this.")
    static let tooManyLogins = AppError(
        .tooManyRequests, "too_many_logins", vi: "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.",
        en: "Too many failed sign-ins. Please try again in 15 minutes.")
    static let internalError = AppError(
        .internalServerError, "internal_error", vi: "Hệ thống gặp lỗi. Vui lòng thử lại sau.", en: "Something went wrong. Please try again later.")

    /// The disk is full or failing: the write was not committed, so the person must know
    /// their answer was NOT recorded and can try again.
    static let storageUnavailable = AppError(
        .serviceUnavailable, "storage_unavailable",
        vi: "Máy chủ tạm thời không lưu được dữ liệu (hết chỗ lưu trữ). Nội dung của bạn CHƯA được ghi nhận; vui lòng thử lại sau ít phút.",
        en: "The server cannot store data right now (storage full). What you sent was NOT recorded; please try again in a few minutes.")

    static func invalidField(_ field: String, vi: String, en: String) -> AppError {
        AppError(.unprocessableContent, "invalid_\(field)", vi: vi, en: en)
    }

    static func unknownFields(_ names: [String]) -> AppError {
        let list = names.sorted().joined(separator: ", ")
        return AppError(.unprocessableContent, "unknown_field", vi: "Trường không hợp lệ: \(list).", en: "Unknown fields: \(list).")
    }

    /// Maps any error to what the user is told. Unknown errors become a 500 that reveals nothing.
    init(from error: any Error) {
        switch error {
        case let error as AppError:
            self = error
        case let problem as AnswerProblem:
            self = AppError(.unprocessableContent, problem.code, vi: problem.message.vi, en: problem.message.en)
        case let error as RatingError:
            switch error {
            case .unknownToken, .unknownResponse: self = .unknownToken
            case .ticketUsed: self = .ticketUsed
            case .ticketExpired: self = .ticketExpired
            case .detailsClosed: self = .detailsClosed
            case .keyInUse: self = .invalidKey
            }
        case let error as TicketError:
            self = AppError(ticketError: error)
        case let error as KioskError:
            self = AppError(kioskError: error)
        case let error as CalendarError:
            self = AppError(.unprocessableContent, "invalid_calendar", vi: error.message.vi, en: error.message.en)
        case let error as StructureError:
            switch error {
            case .invalidCode:
                self = .invalidField("code", vi: "Mã gồm 1-16 chữ thường, số hoặc '-'.", en: "A code is 1-16 lower-case letters, digits or '-'.")
            case .invalidName: self = .invalidField("name", vi: "Tên phải có từ 1 đến 160 ký tự.", en: "A name has 1 to 160 characters.")
            case .codeTaken(let code):
                self = AppError(.conflict, "code_taken", vi: "Mã '\(code)' đã được dùng trong đơn vị.", en: "Code '\(code)' is already used in this unit.")
            case .unknownSector(let code):
                self = .invalidField("sector", vi: "Không có lĩnh vực mã '\(code)'.", en: "No sector '\(code)'.")
            case .reservedCode(let code):
                self = AppError(
                    .unprocessableContent, "code_reserved", vi: "Mã '\(code)' dành cho toàn thành phố trong báo cáo; vui lòng chọn mã khác.",
                    en: "Code '\(code)' stands for the whole city in reports; please choose another.")
            }
        case is HTTPParserError:
            // NIO's decoder refused the body's framing (a chunk size that is not hex, say)
            // while a handler read it: the client's fault, answered like any unreadable body.
            self = .badRequestBody
        case let error as HTTPError:
            switch error.status {
            case .contentTooLarge: self = .tooLarge
            case .notFound: self = .notFound
            case .unsupportedMediaType: self = .unsupportedMediaType
            case .methodNotAllowed:
                self = AppError(.methodNotAllowed, "method_not_allowed", vi: "Phương thức không được hỗ trợ.", en: "Method not allowed.")
            case let status where (400..<500).contains(status.code):
                self = AppError(status, "bad_request", vi: "Yêu cầu không hợp lệ.", en: "Bad request.")
            default:
                self = .internalError
            }
        case let error where StorageFailure.isStorageUnavailable(error):
            self = .storageUnavailable
        default:
            self = .internalError
        }
    }

    private init(ticketError: TicketError) {
        switch ticketError {
        case .unknownCounter(let code):
            self = .invalidField("counter", vi: "Không có quầy mã '\(code)' trong đơn vị.", en: "No counter '\(code)' in this unit.")
        case .inactiveCounter(let code):
            self = .invalidField("counter", vi: "Quầy '\(code)' đang ngừng hoạt động.", en: "Counter '\(code)' is not active.")
        case .unknownOfficer(let code):
            self = .invalidField("officer", vi: "Không có cán bộ mã '\(code)' trong đơn vị.", en: "No officer '\(code)' in this unit.")
        case .unknownProcedure(let code):
            self = .invalidField("procedure", vi: "Không có thủ tục mã '\(code)'.", en: "No procedure '\(code)'.")
        case .unknownSector(let code):
            self = .invalidField("sector", vi: "Không có lĩnh vực mã '\(code)'.", en: "No sector '\(code)'.")
        }
    }
}

extension AnswerProblem {
    var code: String {
        switch self {
        case .unknownQuestion: "unknown_question"
        case .invalidLevel: "invalid_answer"
        case .textTooLong: "text_too_long"
        case .missingOverall: "missing_overall"
        case .overallAlreadyRecorded: "overall_already_recorded"
        }
    }
}

/// The JSON body of every API error: `{"error": {"code", "message", "messageEn"}}`.
struct APIErrorBody: Encodable {
    struct Detail: Encodable {
        var code: String
        var message: String
        var messageEn: String
    }

    var error: Detail

    init(_ error: AppError) {
        let advice = error.advice
        self.error = Detail(
            code: error.code, message: [error.message.vi, advice?.vi].compactMap { $0 }.joined(separator: " "),
            messageEn: [error.message.en, advice?.en].compactMap { $0 }.joined(separator: " "))
    }

    func response(status: HTTPResponse.Status) throws -> Response {
        try JSONBody.response(self, status: status)
    }
}
