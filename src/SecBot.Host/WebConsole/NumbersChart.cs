using System.Globalization;
using System.Text;

namespace SecBot.Host.WebConsole;

/// <summary>
/// A small horizontal bar chart as inline SVG, drawn on the server: one bar per row, scaled to the largest value,
/// labelled and valued in text. It is an image named by <paramref name="labelledBy"/> (the heading above it); the table
/// beside it carries the same numbers for screen readers and for copying.
/// </summary>
public static class NumbersChart
{
    private const int Width = 560;
    private const int LabelWidth = 150;
    private const int BarMaxWidth = 220;
    private const int RowHeight = 24;
    private const int BarHeight = 16;
    private const int LabelMaxLength = 22;

    /// <param name="rows">Each row's label, value (null: nothing to draw yet) and the text shown after its bar.</param>
    public static string Svg(string labelledBy, string title, IReadOnlyList<(string Label, double? Value, string Shown)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var largest = rows.Select(r => r.Value ?? 0).DefaultIfEmpty(0).Max();
        var height = (rows.Count * RowHeight) + 4;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {Width} {height}\" width=\"100%\" style=\"max-width:{Width}px\" role=\"img\" aria-labelledby=\"{labelledBy}\">")
            .Append("<title>").Append(ConsolePage.Encode(title)).Append("</title>");
        for (var i = 0; i < rows.Count; i++)
        {
            var (label, value, shown) = rows[i];
            var y = (i * RowHeight) + 2;
            var bar = largest <= 0 || value is not { } v ? 0 : Math.Max(1, (int)Math.Round(v / largest * BarMaxWidth));
            var shortLabel = label.Length > LabelMaxLength ? label[..(LabelMaxLength - 1)] + "…" : label;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth - 6}\" y=\"{y + 13}\" text-anchor=\"end\" fill=\"currentColor\" font-size=\"13\">")
                .Append(ConsolePage.Encode(shortLabel)).Append("</text>")
                .Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{bar}\" height=\"{BarHeight}\" rx=\"2\" style=\"fill:var(--accent)\"></rect>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + bar + 6}\" y=\"{y + 13}\" fill=\"currentColor\" font-size=\"13\">")
                .Append(ConsolePage.Encode(shown)).Append("</text>");
        }

        return svg.Append("</svg>").ToString();
    }
}
