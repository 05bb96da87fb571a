using Buurtscan.Domain;
using Buurtscan.Render;

namespace Buurtscan.Tests.Render;

/// <summary>An indicator's label with its unit, as the tables and map legends show it.</summary>
public sealed class DutchTests
{
    [Theory]
    [InlineData("Aanbod groen", "rapportcijfer 1-10", "Aanbod groen (rapportcijfer 1-10)")]
    [InlineData("Gemiddelde WOZ-waarde", "x 1.000 euro", "Gemiddelde WOZ-waarde (x 1.000 euro)")]
    [InlineData("Aandeel 0 tot 15 jaar", "%", "Aandeel 0 tot 15 jaar")]
    [InlineData("Inwoners", "aantal", "Inwoners")]
    [InlineData("Inwoners", "", "Inwoners")]
    [InlineData("Misdrijven per 1.000 inwoners", "per 1.000 inwoners", "Misdrijven per 1.000 inwoners")]
    [InlineData("SES-WOA-score", "score", "SES-WOA-score")]
    [InlineData("Veiligheidsindex", "index", "Veiligheidsindex")]
    [InlineData("Bevolkingsdichtheid", "inwoners per km²", "Bevolkingsdichtheid (inwoners per km²)")]
    [InlineData("Hoogte boven NAP in m", "m", "Hoogte boven NAP in m (m)")] // too short to tell a unit from a word's end
    [InlineData("Index van de scores", "index", "Index van de scores (index)")] // the unit must end the label
    public void A_label_Should_carry_its_unit_unless_the_value_or_the_label_says_it_already(string label, string unit, string shown)
    {
        Dutch.LabelWithUnit(label, unit).ShouldBe(shown);
    }

    [Theory]
    [InlineData(Level.Buurt, "de buurt")]
    [InlineData(Level.Wijk, "de wijk")]
    [InlineData(Level.Gebied, "het gebied")]
    [InlineData(Level.Stadsdeel, "het stadsdeel")]
    [InlineData(Level.Gemeente, "de gemeente")]
    [InlineData(Level.Land, "Nederland")]
    public void A_level_Should_take_its_own_article(Level level, string shown)
    {
        level.WithArticle().ShouldBe(shown);
    }
}
