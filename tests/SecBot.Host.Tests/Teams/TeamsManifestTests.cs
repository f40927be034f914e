using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using SecBot.Chat.Parsing;
using SecBot.Host.Tests.Support;

namespace SecBot.Host.Tests.Teams;

/// <summary>The Teams app package in manifests/teams: the manifest, its icons and package.sh, as an operator uploads them.</summary>
public sealed partial class TeamsManifestTests
{
    private const string AppId = "0b5a3c1e-1111-4000-8000-1234567890ab";
    private const string PublicHost = "secbot.example.com";
    private const int MaxCommandsPerScope = 10;

    private static string TeamsDirectory => Path.Combine(RepoPaths.Root, "manifests", "teams");

    private static string ManifestText => File.ReadAllText(Path.Combine(TeamsDirectory, "manifest.json"));

    [Fact]
    public void Manifest_parses_and_its_schema_url_names_its_manifest_version()
    {
        using var manifest = JsonDocument.Parse(ManifestText);
        var root = manifest.RootElement;

        var schema = SchemaUrl().Match(root.GetProperty("$schema").GetString()!);
        Assert.True(schema.Success, "$schema is the Teams schema URL: " + root.GetProperty("$schema").GetString());
        Assert.Equal(schema.Groups["version"].Value, root.GetProperty("manifestVersion").GetString());
        Assert.Equal("${{BOT_APP_ID}}", root.GetProperty("id").GetString());
        Assert.Equal(["${{BOT_DOMAIN}}"], root.GetProperty("validDomains").EnumerateArray().Select(d => d.GetString()));
        Assert.InRange(root.GetProperty("name").GetProperty("short").GetString()!.Length, 1, 30);
        Assert.InRange(root.GetProperty("description").GetProperty("short").GetString()!.Length, 1, 80);
        Assert.InRange(root.GetProperty("description").GetProperty("full").GetString()!.Length, 1, 4000);
        Assert.Equal("color.png", root.GetProperty("icons").GetProperty("color").GetString());
        Assert.Equal("outline.png", root.GetProperty("icons").GetProperty("outline").GetString());
    }

    [Fact]
    public void The_bot_is_installable_in_personal_team_and_group_chat_and_talks_both_ways()
    {
        using var manifest = JsonDocument.Parse(ManifestText);
        var bot = Assert.Single(manifest.RootElement.GetProperty("bots").EnumerateArray());

        Assert.Equal("${{BOT_APP_ID}}", bot.GetProperty("botId").GetString());
        Assert.Equal(["personal", "team", "groupChat"], Strings(bot.GetProperty("scopes")));
        Assert.False(bot.GetProperty("isNotificationOnly").GetBoolean());
        Assert.False(bot.GetProperty("supportsFiles").GetBoolean());
    }

    [Fact]
    public void Every_menu_command_is_a_SecBot_command_with_its_usage_and_no_scope_lists_more_than_ten()
    {
        using var manifest = JsonDocument.Parse(ManifestText);
        var bot = manifest.RootElement.GetProperty("bots")[0];
        var usage = new CommandUsage(new CommandVocabulary([], [], [], [])).Lines
            .ToDictionary(l => l.Command, l => l.Syntax, StringComparer.Ordinal);
        var lists = bot.GetProperty("commandLists").EnumerateArray().ToList();

        foreach (var scope in Strings(bot.GetProperty("scopes")))
        {
            var commands = lists.Where(l => Strings(l.GetProperty("scopes")).Contains(scope))
                .SelectMany(l => l.GetProperty("commands").EnumerateArray()).ToList();
            Assert.InRange(commands.Count, 1, MaxCommandsPerScope);
            var titles = commands.Select(c => c.GetProperty("title").GetString()!).ToList();
            Assert.Equal(titles.Count, titles.Distinct(StringComparer.Ordinal).Count());

            foreach (var command in commands)
            {
                var title = command.GetProperty("title").GetString()!;
                var description = command.GetProperty("description").GetString()!;
                Assert.True(usage.TryGetValue(title, out var syntax), $"'{title}' ({scope}) is not a SecBot command word; they are {string.Join(", ", usage.Keys)}");
                Assert.InRange(title.Length, 1, 32);
                Assert.InRange(description.Length, 1, 128);
                var shown = description.Split(": ", 2)[0];
                Assert.True(syntax.StartsWith(shown, StringComparison.Ordinal), $"'{title}' ({scope}) shows '{shown}', which is not its usage '{syntax}'");
            }
        }
    }

    [Fact]
    public void Color_icon_is_a_full_colour_192_pixel_PNG()
    {
        var icon = Png.Decode(File.ReadAllBytes(Path.Combine(TeamsDirectory, "color.png")));

        Assert.Equal((192, 192), (icon.Width, icon.Height));
        Assert.Contains(icon.ColorType, new[] { Png.Rgb, Png.Rgba });
        Assert.True(icon.Pixels().Distinct().Count() > 2, "the colour icon has a picture on it, not one flat colour");
    }

    [Fact]
    public void Outline_icon_is_32_pixels_of_white_on_transparent_and_nothing_else()
    {
        var icon = Png.Decode(File.ReadAllBytes(Path.Combine(TeamsDirectory, "outline.png")));

        Assert.Equal((32, 32), (icon.Width, icon.Height));
        Assert.Equal(Png.Rgba, icon.ColorType);
        var pixels = icon.Pixels().ToList();
        var stray = pixels.Select((p, i) => (p, i)).FirstOrDefault(x => x.p.A != 0 && x.p != Png.OpaqueWhite);
        Assert.True(stray == default, $"pixel ({stray.i % 32}, {stray.i / 32}) is {stray.p}, neither white nor fully transparent");
        Assert.Contains(Png.OpaqueWhite, pixels);
        Assert.Contains(pixels, p => p.A == 0);
    }

    [Fact]
    public async Task Icons_are_what_icons_py_draws()
    {
        using var dir = new TempDirectory();
        File.Copy(Path.Combine(TeamsDirectory, "icons.py"), dir.File("icons.py"));

        var run = await RunAsync("python3", dir.Path, dir.File("icons.py"));

        Assert.True(run.ExitCode == 0, $"icons.py failed ({run.ExitCode}): {run.StandardError}");
        Assert.Equal(File.ReadAllBytes(Path.Combine(TeamsDirectory, "color.png")), File.ReadAllBytes(dir.File("color.png")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(TeamsDirectory, "outline.png")), File.ReadAllBytes(dir.File("outline.png")));
    }

    [Fact]
    public async Task Package_holds_exactly_the_manifest_and_both_icons_with_the_app_id_and_host_filled_in()
    {
        using var dir = new TempDirectory();
        var zip = dir.File("secbot-teams.zip");

        var run = await RunPackageAsync(dir.Path, AppId.ToUpperInvariant(), "SecBot.Example.com", zip);

        Assert.True(run.ExitCode == 0, $"package.sh failed ({run.ExitCode}): {run.StandardError}");
        using var archive = ZipFile.OpenRead(zip);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], archive.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        var packaged = await ReadTextAsync(archive.GetEntry("manifest.json")!);
        Assert.DoesNotContain("${{", packaged, StringComparison.Ordinal);
        Assert.Equal(ManifestText.Replace("${{BOT_APP_ID}}", AppId, StringComparison.Ordinal).Replace("${{BOT_DOMAIN}}", PublicHost, StringComparison.Ordinal), packaged);
        using var manifest = JsonDocument.Parse(packaged);
        Assert.Equal(AppId, manifest.RootElement.GetProperty("bots")[0].GetProperty("botId").GetString());
        Assert.Equal(File.ReadAllBytes(Path.Combine(TeamsDirectory, "color.png")), await ReadBytesAsync(archive.GetEntry("color.png")!));
        Assert.Equal(File.ReadAllBytes(Path.Combine(TeamsDirectory, "outline.png")), await ReadBytesAsync(archive.GetEntry("outline.png")!));
    }

    [Theory]
    [InlineData("not-a-guid", PublicHost, "app id 'not-a-guid' is not a GUID")]
    [InlineData(AppId, "https://secbot.example.com", "has a scheme")]
    [InlineData(AppId, "secbot.example.com/api/messages", "has a path")]
    [InlineData(AppId, "secbot.example.com:8443", "has a port")]
    [InlineData(AppId, "secbot_example", "is not a host name")]
    public async Task Package_refuses_a_bad_app_id_or_host_with_the_reason_and_usage_and_writes_nothing(string appId, string host, string reason)
    {
        using var dir = new TempDirectory();
        var zip = dir.File("secbot-teams.zip");

        var run = await RunPackageAsync(dir.Path, appId, host, zip);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(reason, run.StandardError, StringComparison.Ordinal);
        Assert.Contains("usage: package.sh <app-id> <public-host> [out.zip]", run.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(zip), "nothing is written for bad input");
    }

    private static List<string> Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    private static async Task<string> ReadTextAsync(ZipArchiveEntry entry)
    {
        using var reader = new StreamReader(await entry.OpenAsync(), Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    private static async Task<byte[]> ReadBytesAsync(ZipArchiveEntry entry)
    {
        await using var stream = await entry.OpenAsync();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private sealed record ScriptRun(int ExitCode, string StandardOutput, string StandardError);

    private static Task<ScriptRun> RunPackageAsync(string workingDirectory, params string[] args) =>
        RunAsync("bash", workingDirectory, [Path.Combine(TeamsDirectory, "package.sh"), .. args]);

    private static async Task<ScriptRun> RunAsync(string program, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish; stderr: {await stderr}");
        }
        return new ScriptRun(process.ExitCode, await stdout, await stderr);
    }

    [GeneratedRegex(@"^https://developer\.microsoft\.com/(en-us/)?json-schemas/teams/v(?<version>\d+\.\d+)/MicrosoftTeams\.schema\.json$")]
    private static partial Regex SchemaUrl();

    /// <summary>Just enough of PNG to read an icon's pixels: 8-bit greyscale, RGB or RGBA, not interlaced, all five row filters.</summary>
    private static class Png
    {
        public const byte Rgb = 2;
        public const byte Rgba = 6;
        public static readonly Pixel OpaqueWhite = new(255, 255, 255, 255);

        private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

        public readonly record struct Pixel(byte R, byte G, byte B, byte A);

        public sealed record Image(int Width, int Height, byte ColorType, byte[][] Rows)
        {
            public IEnumerable<Pixel> Pixels()
            {
                var channels = Channels(ColorType);
                foreach (var row in Rows)
                {
                    for (var x = 0; x < Width; x++)
                    {
                        var p = row.AsSpan(x * channels, channels);
                        yield return channels switch
                        {
                            1 => new Pixel(p[0], p[0], p[0], 255),
                            3 => new Pixel(p[0], p[1], p[2], 255),
                            _ => new Pixel(p[0], p[1], p[2], p[3]),
                        };
                    }
                }
            }
        }

        public static Image Decode(byte[] file)
        {
            Assert.True(file.AsSpan(0, Signature.Length).SequenceEqual(Signature), "the file starts with the PNG signature");
            int width = 0, height = 0;
            byte colorType = 0;
            using var compressed = new MemoryStream();
            for (var at = Signature.Length; at < file.Length;)
            {
                var length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(at));
                var kind = Encoding.ASCII.GetString(file, at + 4, 4);
                var data = file.AsSpan(at + 8, length);
                if (kind == "IHDR")
                {
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    Assert.Equal(8, data[8]);
                    colorType = data[9];
                    Assert.Equal(0, data[12]);
                }
                else if (kind == "IDAT")
                {
                    compressed.Write(data);
                }
                else if (kind == "IEND")
                {
                    break;
                }
                at += 12 + length;
            }
            Assert.True(width > 0 && height > 0, "the PNG has an IHDR chunk");

            compressed.Position = 0;
            using var zlib = new ZLibStream(compressed, CompressionMode.Decompress);
            using var raw = new MemoryStream();
            zlib.CopyTo(raw);
            return new Image(width, height, colorType, Unfilter(raw.ToArray(), width, height, Channels(colorType)));
        }

        private static int Channels(byte colorType) => colorType switch
        {
            0 => 1,
            Rgb => 3,
            Rgba => 4,
            _ => throw new NotSupportedException($"PNG colour type {colorType} is not one SecBot's icons use"),
        };

        private static byte[][] Unfilter(byte[] raw, int width, int height, int bytesPerPixel)
        {
            var stride = width * bytesPerPixel;
            Assert.Equal(height * (stride + 1), raw.Length);
            var rows = new byte[height][];
            var previous = new byte[stride];
            for (var y = 0; y < height; y++)
            {
                var filter = raw[y * (stride + 1)];
                var row = raw.AsSpan(y * (stride + 1) + 1, stride).ToArray();
                for (var i = 0; i < stride; i++)
                {
                    int left = i >= bytesPerPixel ? row[i - bytesPerPixel] : 0;
                    int up = previous[i];
                    int upLeft = i >= bytesPerPixel ? previous[i - bytesPerPixel] : 0;
                    row[i] = (byte)(row[i] + filter switch
                    {
                        0 => 0,
                        1 => left,
                        2 => up,
                        3 => (left + up) / 2,
                        4 => Paeth(left, up, upLeft),
                        _ => throw new InvalidDataException($"row {y} has filter type {filter}; PNG defines 0 to 4"),
                    });
                }
                rows[y] = row;
                previous = row;
            }
            return rows;
        }

        private static int Paeth(int left, int up, int upLeft)
        {
            var estimate = left + up - upLeft;
            var toLeft = Math.Abs(estimate - left);
            var toUp = Math.Abs(estimate - up);
            var toUpLeft = Math.Abs(estimate - upLeft);
            if (toLeft <= toUp && toLeft <= toUpLeft) return left;
            return toUp <= toUpLeft ? up : upLeft;
        }
    }
}
