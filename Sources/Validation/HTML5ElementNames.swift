/// Element names libxml2 2.9's HTML parser (an HTML 4 parser) does not know and reports as
/// "Tag X invalid" although they are valid HTML5: the HTML5 additions, and the SVG and MathML
/// elements that appear inline in HTML5 (lower-cased, as libxml2 reports them).
/// An unknown tag *not* in this list is still reported (rule `html`): it is usually a typo.
enum HTML5ElementNames {
    static let unknownToLibXML2: Set<String> = html5 + svg + mathML

    private static let html5: Set<String> = [
        "article", "aside", "audio", "bdi", "canvas", "data", "datalist", "details", "dialog",
        "figcaption", "figure", "footer", "header", "hgroup", "main", "mark", "meter", "nav",
        "output", "picture", "progress", "rp", "rt", "ruby", "search", "section", "slot",
        "source", "summary", "template", "time", "track", "video", "wbr",
    ]

    private static let svg: Set<String> = [
        "svg", "a", "animate", "animatemotion", "animatetransform", "circle", "clippath", "defs", "desc",
        "ellipse", "feblend", "fecolormatrix", "fecomponenttransfer", "fecomposite", "feconvolvematrix",
        "fediffuselighting", "fedisplacementmap", "fedistantlight", "fedropshadow", "feflood",
        "fefunca", "fefuncb", "fefuncg", "fefuncr", "fegaussianblur", "feimage", "femerge",
        "femergenode", "femorphology", "feoffset", "fepointlight", "fespecularlighting",
        "fespotlight", "fetile", "feturbulence", "filter", "foreignobject", "g", "image", "line",
        "lineargradient", "marker", "mask", "metadata", "mpath", "path", "pattern", "polygon",
        "polyline", "radialgradient", "rect", "set", "stop", "switch", "symbol", "text",
        "textpath", "title", "tspan", "use", "view",
    ]

    private static let mathML: Set<String> = [
        "math", "mi", "mn", "mo", "ms", "mtext", "mrow", "mfrac", "msqrt", "mroot", "msub", "msup",
        "msubsup", "munder", "mover", "munderover", "mtable", "mtr", "mtd", "mspace", "mstyle",
        "semantics", "annotation",
    ]
}

private func + (lhs: Set<String>, rhs: Set<String>) -> Set<String> { lhs.union(rhs) }
