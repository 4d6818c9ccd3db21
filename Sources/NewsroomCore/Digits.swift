/// Numbers may be typed with Arabic-Indic (٠١٢٣٤٥٦٧٨٩) or Eastern Arabic-Indic
/// (۰۱۲۳۴۵۶۷۸۹) digits as well as ASCII ones; everything else is left as it is.
public enum Digits {
    public static func asciiDigits(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0660...0x0669: scalars.append(Unicode.Scalar(scalar.value - 0x0660 + 0x30)!)
            case 0x06F0...0x06F9: scalars.append(Unicode.Scalar(scalar.value - 0x06F0 + 0x30)!)
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// A positive 64-bit number, as ids are; nil for anything else.
    public static func positiveInteger(_ text: String) -> Int64? {
        let ascii = asciiDigits(text.trimmingWhitespace())
        guard !ascii.isEmpty, ascii.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let value = Int64(ascii), value > 0 else {
            return nil
        }
        return value
    }
}

extension String {
    /// Without the white space (Unicode White_Space) at either end.
    public func trimmingWhitespace() -> String {
        String(Substring(self).trimmedOfWhitespace())
    }
}

extension Substring {
    /// Without Unicode White_Space at either end, without copying.
    func trimmedOfWhitespace() -> Substring { trimmedOfWhitespaceAtStart().trimmedOfWhitespaceAtEnd() }

    func trimmedOfWhitespaceAtStart() -> Substring {
        var scalars = unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        return Substring(scalars)
    }

    func trimmedOfWhitespaceAtEnd() -> Substring {
        var scalars = unicodeScalars
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return Substring(scalars)
    }
}
