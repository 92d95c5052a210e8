using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.Representation;

/// <summary>LanguageProperty and the <c>lang</c> parameter (clause 4.15): one language chosen, with a fallback.</summary>
public sealed class LanguageTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    private async Task<string> CreateAsync(string type = "Square")
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Parse($$"""
            {"id":"{{id}}","type":"{{type}}","name":{"type":"LanguageProperty","languageMap":{"de":"Marktplatz","en":"Market square","@none":"Marktplatz"} } }
            """));
        return id;
    }

    [Fact]
    public async Task Lang_turns_the_LanguageProperty_into_a_Property_in_that_language()
    {
        var id = await CreateAsync();

        var name = (await _client.RetrieveOkAsync(id, "lang=en"))["name"]!;

        Assert.Equal("Property", name["type"]!.GetValue<string>());
        Assert.Equal("Market square", name["value"]!.GetValue<string>());
        Assert.Equal("en", name["lang"]!.GetValue<string>());
    }

    [Fact]
    public async Task Lang_with_keyValues_gives_the_string()
    {
        var id = await CreateAsync();

        var entity = await _client.RetrieveOkAsync(id, "lang=de&options=keyValues");

        Assert.Equal("Marktplatz", entity["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Lang_with_an_absent_language_falls_back_to_none()
    {
        var id = await CreateAsync();

        var name = (await _client.RetrieveOkAsync(id, "lang=fr"))["name"]!;

        Assert.Equal("Marktplatz", name["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_lang_the_whole_language_map_is_returned()
    {
        var id = await CreateAsync();

        var name = (await _client.RetrieveOkAsync(id))["name"]!;

        Assert.Equal("LanguageProperty", name["type"]!.GetValue<string>());
        Assert.Equal(3, name["languageMap"]!.AsObject().Count);
    }

    [Fact]
    public async Task Query_q_matches_a_language_entry_by_key_or_by_any_language()
    {
        var type = TestData.NewType();
        var id = await CreateAsync(type);

        Assert.Equal([id], await _client.QueryIdsAsync(("type", type), ("q", "name[en]==\"Market square\"")));
        Assert.Equal([id], await _client.QueryIdsAsync(("type", type), ("q", "name==\"Market square\"")));
        Assert.Empty(await _client.QueryIdsAsync(("type", type), ("q", "name[de]==\"Market square\"")));
    }

    [Fact]
    public async Task LanguageProperty_with_a_non_string_entry_is_refused()
    {
        var reply = await _client.CreateAsync(TestData.Parse($$"""
            {"id":"{{TestData.NewId()}}","type":"Square","name":{"type":"LanguageProperty","languageMap":{"de":5} } }
            """));

        reply.ShouldBeProblem(400, "BadRequestData");
    }
}
