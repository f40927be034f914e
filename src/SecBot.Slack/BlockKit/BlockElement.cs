using System.Text.Json.Serialization;

namespace SecBot.Slack.BlockKit;

/// <summary>An interactive element; <see cref="ActionId"/> (at most 255) names it in the payload Slack sends back (slack-protocol.md §7).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ButtonElement), "button")]
[JsonDerivedType(typeof(PlainTextInputElement), "plain_text_input")]
[JsonDerivedType(typeof(CheckboxesElement), "checkboxes")]
public abstract record BlockElement(string ActionId);
