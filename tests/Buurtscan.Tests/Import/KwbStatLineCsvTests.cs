using Buurtscan.Areas;
using Buurtscan.Catalogue;
using Buurtscan.Domain;
using Buurtscan.Import;
using Buurtscan.Tests.Support;

namespace Buurtscan.Tests.Import;

public sealed class KwbStatLineCsvTests
{
    private static readonly Lazy<(ImportResult Result, AreaRegistry Registry)> Real2024 = new(() =>
    {
        var registry = AreaRegistry.Build(BoundaryReaders.ReadIndelingBuurt(TextFile.Read(TestPaths.Real("amsterdam-gebieden/2022/INDELING_BUURT.csv"), "INDELING_BUURT.csv")));
        var file = TextFile.Read(TestPaths.Real("cbs-kwb/Kerncijfers_wijken_en_buurten_2024_geslachten_Amsterdam.csv"), "kwb2024.csv");
        return (KwbStatLineCsv.Read(file, registry, IndicatorCatalogue.Default), registry);
    });

    private static Observation Get(string indicator, string code) =>
        Real2024.Value.Result.Observations.Single(o => o.IndicatorId == indicator && o.Area.Code == code);

    [Fact]
    public void Real_2024_file_Should_give_FB08_and_its_parents()
    {
        Get("inwoners", "FB08").Value.ShouldBe(1485);
        Get("mannen", "FB08").Value.ShouldBe(755);
        Get("vrouwen", "FB08").Value.ShouldBe(730);
        Get("leeftijd_0_15", "FB08").Value.ShouldBe(285);
        Get("leeftijd_65plus", "FB08").Value.ShouldBe(250);
        Get("inwoners", "FB").Value.ShouldBe(19180);
        Get("inwoners", "0363").Value.ShouldBe(931298);
        Get("inwoners", "NL00").Value.ShouldBe(17942942);
        Get("inwoners", "FB08").Year.ShouldBe(2024);
        Get("inwoners", "FB08").Source.Line.ShouldBeGreaterThan(1);
    }

    [Fact]
    public void Real_2024_file_Should_cover_every_wijk_and_buurt_it_has()
    {
        var areas = Real2024.Value.Result.Observations.Where(o => o.IndicatorId == "inwoners").Select(o => o.Area).ToList();
        areas.Count(a => a.Code.Length == 4 && a.Code != "0363" && a.Code != "NL00").ShouldBe(517); // CBS has no MK06
        areas.Count(a => a.Code.Length == 2).ShouldBe(110);
        Real2024.Value.Result.Source.Table.ShouldBe("Kerncijfers wijken en buurten 2024 (85984NED)");
    }

    [Fact]
    public void A_dot_Should_be_missing_never_zero()
    {
        var text = "\uFEFF\"Wijken en buurten\";\"Regioaanduiding/Codering (code)\";\"Bevolking/Aantal inwoners (aantal)\"\r\n\"X\";\"BU0363FB08\";.\r\n\"Y\";\"BU0363FB07\";-99997\r\n";
        var result = Read(text);

        result.Observations.Select(o => (o.Area.Code, o.Value, o.Status)).ShouldBe([("FB08", (double?)null, Status.Missing), ("FB07", null, Status.Suppressed)]);
    }

    [Fact]
    public void A_number_that_does_not_parse_Should_name_file_line_and_field()
    {
        var text = "\"Wijken en buurten\";\"Regioaanduiding/Codering (code)\";\"Bevolking/Aantal inwoners (aantal)\"\r\n\"X\";\"BU0363FB08\";12a\r\n";

        var e = Should.Throw<InputException>(() => Read(text));
        e.Message.ShouldBe("Kerncijfers_wijken_en_buurten_2024_x.csv:2: field 'Bevolking/Aantal inwoners (aantal)': '12a' is not a number (expected a number, '.' or an empty cell)");
    }

    [Fact]
    public void A_row_with_too_few_fields_Should_be_an_error_naming_the_line()
    {
        var text = "\"Wijken en buurten\";\"Regioaanduiding/Codering (code)\";\"Bevolking/Aantal inwoners (aantal)\"\r\n\"X\";\"BU0363FB08\";1\r\n\"Y\";\"BU0363FB07\"\r\n";

        var e = Should.Throw<InputException>(() => Read(text));
        e.Line.ShouldBe(3);
        e.Message.ShouldContain("expected 3");
    }

    [Fact]
    public void A_file_without_a_region_column_Should_say_what_is_missing()
    {
        var text = "\"Perioden\";\"Regioaanduiding/Soort regio (omschrijving)\";\"Bevolking/Aantal inwoners (aantal)\"\r\n";

        var e = Should.Throw<InputException>(() => Read(text));
        e.Message.ShouldContain("no region column");
        e.Line.ShouldBe(1);
    }

    private static ImportResult Read(string text) =>
        KwbStatLineCsv.Read(new TextFile("/x/Kerncijfers_wijken_en_buurten_2024_x.csv", "Kerncijfers_wijken_en_buurten_2024_x.csv", text, "UTF-8", "0"),
            Real2024.Value.Registry, IndicatorCatalogue.Default);
}
