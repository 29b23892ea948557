// libFuzzer entry point for the template engine and the JSON readers (the `--config` file and
// template contexts are read by `MustacheValue(jsonData:)`; archive `metrics.json` files by
// Publishing's order-keeping `JSONReader`). Compiled with the Mustache sources and
// Publishing/JSONValue.swift by Fuzz/run-templates.sh; never part of the package.
//
// An input is split at its first NUL byte: before it, a template; after it, a JSON document.
//  1. The template is parsed (errors must be `MustacheError`s with a location) and rendered
//     against the JSON (or an empty object) with itself as partial `self` and as `a`, strict
//     and lenient, under small TemplateLimits; rendering twice gives the same bytes.
//  2. Every escaped interpolation is safe markup: rendering `{{v}}` of any string from the
//     input never emits a raw `<`, `>`, `"`, `'`, a code point XML forbids or a bidi control.
//  3. The JSON goes through both readers; a document read is written (`jsonText`) and read
//     again: writing that gives the same text (the writer is idempotent after cleaning).
import Foundation
import MarkupText
@testable import PublishingJSON

@inline(never)
func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
        print("fuzz invariant failed: \(message())")
        fatalError(message())
    }
}

let limits = TemplateLimits(maximumSteps: 20_000, maximumOutputBytes: 200_000)

func isSafeMarkup(_ text: String) -> Bool {
    text.unicodeScalars.allSatisfy { scalar in
        scalar != "<" && scalar != ">" && scalar != "\"" && scalar != "'"
            && MarkupText.isAllowed(scalar) && !MarkupText.isBidiControl(scalar)
    }
}

func strings(in value: MustacheValue, into out: inout [String]) {
    guard out.count < 64 else { return }
    switch value {
    case .string(let s): out.append(s)
    case .list(let items): for item in items { strings(in: item, into: &out) }
    case .object(let members):
        for (key, item) in members { out.append(key); strings(in: item, into: &out) }
    default: break
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let split = bytes.firstIndex(of: 0) ?? bytes.count
    let templateText = String(decoding: bytes[..<split], as: UTF8.self)
    let jsonBytes = split < bytes.count ? Array(bytes[(split + 1)...]) : []

    // 3. JSON readers.
    var context = MustacheValue.object([:])
    if let value = try? MustacheValue(jsonData: Data(jsonBytes)) {
        context = value
        let text = value.jsonText(pretty: true)
        guard let again = try? MustacheValue(jsonData: Data(text.utf8)) else {
            check(false, "written JSON does not read back: \(text.prefix(200))")
            return 0
        }
        check(again.jsonText(pretty: true) == text, "jsonText not idempotent")
        check(again.jsonText(pretty: false) == value.jsonText(pretty: false), "compact differs")
    }
    _ = try? PublishingJSON.JSONReader.parse(jsonBytes)

    // 2. Escaping of every string in the input.
    var found: [String] = [templateText]
    strings(in: context, into: &found)
    for text in found {
        var out = ""
        MarkupText.appendEscaped(text, to: &out)
        check(isSafeMarkup(out), "escaped text is not safe markup")
        let rendered = try? Template(source: "{{v}}", path: "v").render(.object(["v": .string(text)]))
        check(rendered == out, "interpolation differs from the escaper")
        check(isSafeMarkup(MarkupText.jsonString(text).replacingOccurrences(of: "\"", with: "")
            .replacingOccurrences(of: "<", with: "").replacingOccurrences(of: ">", with: "")
            .replacingOccurrences(of: "'", with: "")), "JSON string not cleaned")
    }

    // 1. Parse and render.
    do {
        let template = try Template(source: templateText, path: "fuzz.mustache")
        let partials = PartialResolver.dictionary(["self": templateText, "a": templateText, "b": "{{>a}}{{>a}}"])
        for strict in [false, true] {
            let first = Result { try template.render(context, partials: partials, strict: strict, limits: limits) }
            let second = Result { try template.render(context, partials: partials, strict: strict, limits: limits) }
            switch (first, second) {
            case let (.success(a), .success(b)):
                check(a == b, "rendering is not deterministic")
                check(a.utf8.count <= limits.maximumOutputBytes + 2 * 200_000, "output limit not kept")
            case let (.failure(a), .failure(b)):
                check("\(a)" == "\(b)", "errors differ")
                check(a is MustacheError, "non-Mustache error \(a)")
            default:
                check(false, "one rendering failed, the other did not")
            }
        }
    } catch {
        let text = error.description
        check(text.hasPrefix("fuzz.mustache:"), "parse error without location: \(text)")
    }
    return 0
}
