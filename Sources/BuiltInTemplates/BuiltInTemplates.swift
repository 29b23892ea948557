/// The default templates (`Templates/*.mustache` of the package), compiled into the executable
/// by the EmbedTemplates build-tool plugin: the tool needs no folder beside it to render.
/// `retention templates export DIR` writes them out for restyling; `--templates DIR` (or the
/// config key `templates`, or `$RETENTION_TEMPLATES`) puts a folder in front of them.
public enum BuiltInTemplates {
    /// The names, sorted (`chart`, `cohorts`, … `support`).
    public static var names: [String] { sources.keys.sorted() }

    /// The path errors in a built-in template are reported against, e.g. `(built-in)/report.mustache`.
    public static func path(of name: String) -> String { "(built-in)/\(name).mustache" }
}
