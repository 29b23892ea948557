import Mustache

/// A data table as the `data-table` partial shows it: a caption, column headers, one header
/// cell per row, and text cells. Cells carry a CSS class (`heat-3`, `immature`, `status-red`, …)
/// so templates style them; the text is already formatted and is escaped by the template.
public struct TableView: Sendable, Equatable {
    public struct Column: Sendable, Equatable {
        public var label: String
        public var cssClass: String
        public init(_ label: String, cssClass: String = "") {
            self.label = label
            self.cssClass = cssClass
        }
    }

    public struct Cell: Sendable, Equatable {
        public var text: String
        public var cssClass: String
        /// A tooltip, e.g. the exact count behind a percentage.
        public var title: String?
        public init(_ text: String, cssClass: String = "", title: String? = nil) {
            self.text = text
            self.cssClass = cssClass
            self.title = title
        }
    }

    public struct Row: Sendable, Equatable {
        public var header: String
        public var cells: [Cell]
        public var cssClass: String
        public init(header: String, cells: [Cell], cssClass: String = "") {
            self.header = header
            self.cells = cells
            self.cssClass = cssClass
        }
    }

    public var caption: String
    public var cssClass: String
    /// Headers of every column, the row-header column first.
    public var columns: [Column]
    public var rows: [Row]
    public var footer: Row?

    public init(caption: String, cssClass: String = "", columns: [Column], rows: [Row], footer: Row? = nil) {
        self.caption = caption
        self.cssClass = cssClass
        self.columns = columns
        self.rows = rows
        self.footer = footer
    }

    public var context: MustacheValue {
        func cells(_ row: Row) -> MustacheValue {
            .list(row.cells.map { cell in
                var object: [String: MustacheValue] = ["text": .string(cell.text), "class": .string(cell.cssClass)]
                if let title = cell.title { object["title"] = .string(title) }
                return .object(object)
            })
        }
        var object: [String: MustacheValue] = [
            "caption": .string(caption),
            "class": .string(cssClass),
            "columns": .list(columns.map { .object(["label": .string($0.label), "class": .string($0.cssClass)]) }),
            "rows": .list(rows.map {
                .object(["header": .string($0.header), "class": .string($0.cssClass), "cells": cells($0)])
            }),
        ]
        if let footer {
            object["footer"] = .object(["header": .string(footer.header), "cells": cells(footer)])
        }
        return .object(object)
    }
}
