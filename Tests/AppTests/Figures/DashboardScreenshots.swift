import Foundation
import Testing

@testable import App

/// Screenshots of the dashboard in headless Chromium at 320 px and at a desktop width, and
/// its print as PDF, for people to look at (the chart above all). Runs only when
/// HAILONG_SCREENSHOTS names a directory to write them to.
@Suite("Dashboard screenshots", .enabled(if: ProcessInfo.processInfo.environment["HAILONG_SCREENSHOTS"] != nil))
struct DashboardScreenshots {
    @Test func dashboardAtEachWidthAndInPrint() async throws {
        let directory = try #require(ProcessInfo.processInfo.environment["HAILONG_SCREENSHOTS"])
        try await AccessibilityTests.withLiveServer { browser, base, server in
            try await server.addUser("giamdoc", .director, unit: "tam-phuoc", password: AccessibilityTests.password)
            try await server.recordDashboardWeeks()
            try await AccessibilityTests.signIn("giamdoc", browser: browser, base: base)
            for (query, name) in [("", "month"), ("?period=P2", "phase"), ("?lang=en&period=2026-Q4", "quarter-en")] {
                try await browser.open(base + SiteURL.admin.path + query)
                for (width, height) in [(320, 2400), (1280, 2000)] {
                    try await browser.resize(width: width, height: height)
                    try await browser.screenshot(to: "\(directory)/dashboard-\(name)-\(width).png")
                }
                // The chart itself on a 320 px phone.
                try await browser.resize(width: 320, height: 640)
                _ = try await browser.execute("document.querySelector('figure.chart').scrollIntoView()")
                try await browser.screenshot(to: "\(directory)/dashboard-\(name)-chart-320.png")
                try await browser.printPDF(widthCm: 21, heightCm: 29.7).write(to: URL(fileURLWithPath: "\(directory)/dashboard-\(name).pdf"))
            }
        }
    }
}
