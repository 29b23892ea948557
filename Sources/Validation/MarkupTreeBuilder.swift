import CLibXML2

/// Copies libxml2's element tree into a `MarkupTree` (iteratively: no recursion on input depth).
/// Only elements, their attributes and their direct text/CDATA are kept.
enum MarkupTreeBuilder {
    static func copy(_ document: xmlDocPtr) -> MarkupTree {
        var tree = MarkupTree()
        guard let root = xmlDocGetRootElement(document) else { return tree }
        var open: [Int] = []
        var node: xmlNodePtr? = root
        while let current = node {
            var firstChild: xmlNodePtr?
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                let index = tree.elements.count
                let element = makeElement(current, index: index, parent: open.last, depth: open.count)
                if let parent = open.last { tree.elements[parent].children.append(index) }
                tree.elements.append(element)
                if let child = current.pointee.children {
                    open.append(index)
                    firstChild = child
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let parent = open.last, let content = current.pointee.content {
                    tree.elements[parent].text += String(cString: content)
                }
            default:
                break
            }
            if let firstChild {
                node = firstChild
                continue
            }
            // Next sibling, or climb to the nearest ancestor that has one.
            node = nil
            var climbing: xmlNodePtr? = current
            while let step = climbing, step != root {
                if let next = step.pointee.next {
                    node = next
                    break
                }
                climbing = step.pointee.parent
                if !open.isEmpty { open.removeLast() }
            }
        }
        return tree
    }

    private static func makeElement(_ node: xmlNodePtr, index: Int, parent: Int?, depth: Int) -> MarkupElement {
        let localName = node.pointee.name.map { String(cString: $0) } ?? ""
        var qualifiedName = localName
        var namespace: String?
        if let ns = node.pointee.ns {
            if let prefix = ns.pointee.prefix { qualifiedName = String(cString: prefix) + ":" + localName }
            namespace = ns.pointee.href.map { String(cString: $0) }
        }
        var attributes: [MarkupAttribute] = []
        var attribute = node.pointee.properties
        while let current = attribute {
            var name = current.pointee.name.map { String(cString: $0) } ?? ""
            if let prefix = current.pointee.ns?.pointee.prefix { name = String(cString: prefix) + ":" + name }
            attributes.append(MarkupAttribute(name: name, value: attributeValue(current), line: 0, column: 0))
            attribute = current.pointee.next
        }
        let line = max(1, Int(xmlGetLineNo(node)))
        var element = MarkupElement(index: index, parent: parent, depth: depth,
                                    qualifiedName: qualifiedName, localName: localName,
                                    namespace: namespace, attributes: attributes, text: "", line: line)
        for position in element.attributes.indices {
            element.attributes[position].line = line
            element.attributes[position].column = 1
        }
        return element
    }

    /// The attribute's value from its child nodes, without libxml2 allocating a copy.
    /// An unexpanded entity reference (possible only with a declared entity) is kept as `&name;`.
    private static func attributeValue(_ attribute: xmlAttrPtr) -> String {
        var value = ""
        var child = attribute.pointee.children
        while let current = child {
            if current.pointee.type == XML_ENTITY_REF_NODE, let name = current.pointee.name {
                value += "&" + String(cString: name) + ";"
            } else if let content = current.pointee.content {
                value += String(cString: content)
            }
            child = current.pointee.next
        }
        return value
    }
}
