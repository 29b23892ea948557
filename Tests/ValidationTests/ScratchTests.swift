import Testing
@testable import Validation

@Test func scratch() {
    let docs: [String] = [
"""
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml">
<head><meta charset="latin1" />
<style>@import "x.css"; body { background: url( 'https://x/y.png' ) }</style>
<link rel="stylesheet" href="s.css" />
</head>
<body onload="x()">
<script>alert(1)</script>
<p id="a">x</p><p id="a" style="background:url(j.png)">y</p>
<a href="#nope">n</a> <a href="javascript:void(0)">j</a>
<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0"/></svg>
<img src="x.png" />
<table><tr><td>1</td></tr></table>
<sectoin>typo</sectoin>
</body>
</html>
""",
"""
<!DOCTYPE html>
<html lang="en">
<head><title>x</title><meta charset="utf-8"></head>
<body><p>unclosed &nbsp; <section><details>x</details></section>
<img src="a.png">
</body>
</html>
""",
"",
    ]
    for doc in docs {
        let findings = ReportValidator().validate(html: Array(doc.utf8), path: "r.html")
        for f in findings { print(f) }
        print("----")
    }
}
