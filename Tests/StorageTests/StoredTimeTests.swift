import Domain
import Foundation
import GRDB
import Testing

@testable import Storage

@Suite("Timestamps bound as text")
struct StoredTimeTests {
    @Test func matchesGRDBsOwnStorageFormatToTheMillisecond() throws {
        let dates = [
            Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 1_795_000_000.123), Date(timeIntervalSince1970: 1_795_000_000.999_9),
            Date(timeIntervalSince1970: 951_782_400.5),  // 2000-02-29
            Date(timeIntervalSince1970: 4_102_444_799.001),  // 2099-12-31 23:59:59
            Date(),
        ]
        for date in dates {
            let grdb = try #require(String.fromDatabaseValue(date.databaseValue))
            #expect(StoredTime.text(date) == grdb, "\(date.timeIntervalSince1970)")
        }
    }

    @Test func textReadsBackAsTheSameInstant() throws {
        let date = Date(timeIntervalSince1970: 1_795_000_000.456)
        let read = try #require(Date.fromDatabaseValue(StoredTime.text(date).databaseValue))
        #expect(abs(read.timeIntervalSince1970 - date.timeIntervalSince1970) < 0.001)
    }

    @Test func submissionKeysSortByTimeAndAreWellFormed() {
        let earlier = TokenGenerator.timeOrderedKey(now: Date(timeIntervalSince1970: 1_795_000_000))
        let later = TokenGenerator.timeOrderedKey(now: Date(timeIntervalSince1970: 1_795_000_000.002))
        #expect(earlier < later)
        #expect(earlier.count == 20)
        #expect(TokenGenerator.isWellFormed(earlier))
        #expect(earlier.dropFirst(8) != later.dropFirst(8), "the random part differs")
    }
}
