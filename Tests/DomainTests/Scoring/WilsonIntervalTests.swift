import Domain
import Testing

@Suite("WilsonInterval")
struct WilsonIntervalTests {
    private let tolerance = 1e-2

    @Test("8 of 10 gives about [49.02, 94.33] with z = 1.96")
    func eightOfTen() throws {
        // Reference values of the Wilson score interval for p = 0.8, n = 10, z = 1.96.
        let interval = try #require(WilsonInterval.percent(successes: 8, n: 10, z: 1.96))
        #expect(abs(interval.lowerBound - 49.02) < tolerance)
        #expect(abs(interval.upperBound - 94.33) < tolerance)
    }

    @Test("the default z is 1.96")
    func defaultZ() throws {
        let interval = try #require(WilsonInterval.percent(successes: 8, n: 10))
        #expect(abs(interval.lowerBound - 49.02) < tolerance)
        #expect(abs(interval.upperBound - 94.33) < tolerance)
    }

    @Test("0 of 10: lower bound is exactly 0, upper about 27.75")
    func zeroOfTen() throws {
        let interval = try #require(WilsonInterval.percent(successes: 0, n: 10))
        #expect(interval.lowerBound == 0)
        #expect(abs(interval.upperBound - 27.75) < tolerance)
    }

    @Test("10 of 10: upper bound is exactly 100, lower about 72.25")
    func tenOfTen() throws {
        let interval = try #require(WilsonInterval.percent(successes: 10, n: 10))
        #expect(interval.upperBound == 100)
        #expect(abs(interval.lowerBound - 72.25) < tolerance)
    }

    @Test("95 of 100 gives about [88.82, 97.85]")
    func ninetyFiveOfHundred() throws {
        let interval = try #require(WilsonInterval.percent(successes: 95, n: 100))
        #expect(abs(interval.lowerBound - 88.82) < tolerance)
        #expect(abs(interval.upperBound - 97.85) < tolerance)
    }

    @Test("n = 0 or impossible counts give nil")
    func noInterval() {
        #expect(WilsonInterval.percent(successes: 0, n: 0) == nil)
        #expect(WilsonInterval.percent(successes: 11, n: 10) == nil)
        #expect(WilsonInterval.percent(successes: -1, n: 10) == nil)
    }

    @Test("RateFigure.ci95 is the Wilson interval of its counts and contains the rate")
    func rateFigureInterval() throws {
        let figure = RateFigure(satisfied: 8, n: 10)
        let interval = try #require(figure.ci95)
        #expect(abs(interval.lowerBound - 49.02) < tolerance)
        #expect(abs(interval.upperBound - 94.33) < tolerance)
        #expect(interval.contains(try #require(figure.rate)))
    }
}
