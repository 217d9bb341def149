import Testing

@testable import App

@Suite("A JSON field named twice")
struct JSONDuplicateKeysTests {
    @Test(
        "the first key an object repeats, escapes read as JSON reads them; values, arrays and other objects are not keys",
        arguments: [
            (#"{"a":1,"b":2}"#, nil),
            (#"{"a":1,"a":2}"#, "a"),
            (#"{ "a" : 1 , "b" : { } , "a" : 2 }"#, "a"),
            (#"{"a":{"x":1},"b":{"x":2}}"#, nil),
            (#"{"a":{"x":1,"x":2}}"#, "x"),
            (#"{"a":"a","b":"a"}"#, nil),
            (#"{"a":["a","a",{"a":1}],"b":1}"#, nil),
            (#"[{"a":1},{"a":1}]"#, nil),
            (#"{"a":[1,2],"c":{"a":1},"a":3}"#, "a"),
            (#"{"k\u0069nd":1,"kind":2}"#, "kind"),
            (#"{"a\"b":1,"a\"b":2}"#, #"a"b"#),
            (#"{"a\\":"x\"","b":1}"#, nil),
            (#"{"tên":1,"tên":2}"#, "tên"),
        ] as [(String, String?)])
    func firstRepeatedKey(json: String, expected: String?) {
        #expect(JSONDuplicateKeys.first(in: Array(json.utf8)) == expected)
    }

    @Test("text that is not JSON ends the scan without a crash", arguments: [#"{"a"#, "}}]]", #"{"a":1,"#, ""])
    func brokenText(text: String) {
        #expect(JSONDuplicateKeys.first(in: Array(text.utf8)) == nil)
    }
}
