import Domain

/// The faces on the tablet's buttons, drawn as inline SVG: no emoji font (a tablet may lack
/// one), no image to load. Each face is a label's picture, never its only sign: the words are
/// under it. The colours are the rating page's: the lowest level of any scale is red.
struct KioskFace: Sendable {
    enum Shape: Sendable {
        case delighted, happy, neutral, unhappy, upset
    }

    let shape: Shape
    /// The button's class, its colour in kiosk.css: dark green, green, grey, orange, red.
    let cssClass: String

    init(level: Int, scale: RatingScale) {
        switch (scale, level) {
        case (.quick3, 3), (.likert5, 5): (shape, cssClass) = (.delighted, "face fd")
        case (.quick3, 2), (.likert5, 4): (shape, cssClass) = (.happy, "face fh")
        case (.likert5, 3): (shape, cssClass) = (.neutral, "face fn")
        case (.likert5, 2): (shape, cssClass) = (.unhappy, "face fu")
        // quick3's "not yet satisfied" looks unhappy, not upset, but is its lowest level.
        case (.quick3, _): (shape, cssClass) = (.unhappy, "face fx")
        case (.likert5, _): (shape, cssClass) = (.upset, "face fx")
        }
    }

    func write(into html: inout HTML) {
        html.raw("<svg viewBox=\"0 0 120 120\" aria-hidden=\"true\" focusable=\"false\"><circle class=\"fo\" cx=\"60\" cy=\"60\" r=\"53\"/>")
        html.raw("<circle class=\"fe\" cx=\"42\" cy=\"48\" r=\"7\"/><circle class=\"fe\" cx=\"78\" cy=\"48\" r=\"7\"/>")
        switch shape {
        case .delighted: html.raw("<path class=\"fm ff\" d=\"M32 68 Q60 104 88 68 Z\"/>")
        case .happy: html.raw("<path class=\"fm\" d=\"M36 72 Q60 94 84 72\"/>")
        case .neutral: html.raw("<path class=\"fm\" d=\"M38 80 H82\"/>")
        case .unhappy: html.raw("<path class=\"fm\" d=\"M36 88 Q60 68 84 88\"/>")
        case .upset: html.raw("<path class=\"fm\" d=\"M32 92 Q60 62 88 92\"/><path class=\"fm\" d=\"M30 30 L50 38 M90 30 L70 38\"/>")
        }
        html.raw("</svg>")
    }
}
