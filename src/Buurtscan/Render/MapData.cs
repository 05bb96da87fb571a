using System.Text;

namespace Buurtscan.Render;

/// <summary>The CSV beside each map: for a choropleth its figures and classes, otherwise the areas on the map and how each is named.</summary>
public static class MapData
{
    public static string Csv(MapSpec map, MapPlan plan)
    {
        if (map.Choropleth is { } data) return ChoroplethClasses.ToCsv(data);

        var labels = plan.Labels.GroupBy(l => l.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var sb = new StringBuilder("code;naam;rol;op_de_kaart\n");
        foreach (var shape in plan.Shapes.Select(s => s.Shape).OrderBy(s => Order(s.Role)).ThenBy(s => s.Code, StringComparer.Ordinal))
        {
            var label = labels.GetValueOrDefault(shape.Code);
            var shown = label is null ? "" : label.Lines.Count == 0 ? label.How : $"{label.How}: {string.Join(" / ", label.Lines)}";
            sb.Append(ChoroplethClasses.Field(shape.Code)).Append(';').Append(ChoroplethClasses.Field(shape.Name)).Append(';')
              .Append(ChoroplethClasses.Field(shape.Role)).Append(';').Append(ChoroplethClasses.Field(shown)).Append('\n');
        }

        return sb.ToString();
    }

    private static int Order(string role) => role switch
    {
        "focus" => 0,
        "aangrenzende buurt" => 2,
        "omgeving" => 3,
        "wijkgrens" => 4,
        _ when role.EndsWith("grens", StringComparison.Ordinal) => 5,
        _ => 1,
    };
}
