using System.Text.Json.Nodes;

namespace SecBot.Testing.Fuzz;

/// <summary>A place in a JSON tree that holds a value: an object's member or an array's element.</summary>
internal sealed record JsonSlot(JsonNode Parent, string? Name, int Index)
{
    public JsonNode? Value => Name is not null ? Parent.AsObject()[Name] : Parent.AsArray()[Index];

    public void Set(JsonNode? value)
    {
        if (Name is not null) Parent.AsObject()[Name] = value;
        else Parent.AsArray()[Index] = value;
    }

    public void Remove()
    {
        if (Name is not null) Parent.AsObject().Remove(Name);
        else Parent.AsArray().RemoveAt(Index);
    }

    /// <summary>Every slot of <paramref name="root"/>, depth first, in document order.</summary>
    public static IReadOnlyList<JsonSlot> AllIn(JsonNode root)
    {
        var slots = new List<JsonSlot>();
        Collect(root, slots);
        return slots;
    }

    /// <summary>The slot at <paramref name="path"/> (member names, or element indexes as digits), or null when the tree has none there.</summary>
    public static JsonSlot? At(JsonNode root, IReadOnlyList<string> path)
    {
        var parent = root;
        for (var i = 0; i < path.Count; i++)
        {
            var slot = parent switch
            {
                JsonObject o when o.ContainsKey(path[i]) => new JsonSlot(o, path[i], -1),
                JsonArray a when int.TryParse(path[i], out var index) && index < a.Count => new JsonSlot(a, null, index),
                _ => null,
            };
            if (slot is null) return null;
            if (i == path.Count - 1) return slot;
            if (slot.Value is not { } next) return null;
            parent = next;
        }

        return null;
    }

    private static void Collect(JsonNode node, List<JsonSlot> slots)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var name in o.Select(m => m.Key).ToList())
                {
                    slots.Add(new JsonSlot(o, name, -1));
                    if (o[name] is { } child) Collect(child, slots);
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    slots.Add(new JsonSlot(a, null, i));
                    if (a[i] is { } child) Collect(child, slots);
                }

                break;
        }
    }
}
