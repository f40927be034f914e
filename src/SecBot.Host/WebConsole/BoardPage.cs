using System.Text;
using static SecBot.Host.WebConsole.ConsolePage;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Host.WebConsole;

/// <summary>
/// <c>GET /board</c>: the board as it is now, the person the page acts as (kept in localStorage <c>secbot.as</c>, shared
/// with the Chat page), and a little script that replaces the board with each push of <c>/board/stream</c> and sends Retry.
/// </summary>
public static class BoardPage
{
    public static string Body(BoardSnapshot board, RosterModel roster)
    {
        ArgumentNullException.ThrowIfNull(roster);
        var html = new StringBuilder();
        html.Append("<style>").Append(Style).Append("</style><h1>Board</h1><p><label>Retry as <select id=\"board-as\"><option value=\"\">(pick a person)</option>");
        foreach (var person in roster.People)
        {
            html.Append("<option value=\"").Append(Encode(person.Id)).Append("\">").Append(Encode(person.Name)).Append("</option>");
        }

        html.Append("</select></label> <span id=\"board-live\" class=\"muted\">connecting…</span></p>")
            .Append("<p id=\"board-note\" role=\"status\" aria-live=\"polite\"></p>")
            .Append("<div id=\"board\">").Append(BoardHtml.Fragment(board)).Append("</div>");
        return html.ToString();
    }

    /// <summary>The board's own layout, beside the console's one stylesheet: stages apart, each seat's lines under its bullet.</summary>
    private const string Style = ".stage{margin-top:.35rem}.seat{padding-left:1.6em;text-indent:-.6em}";

    public const string Script = """
        (() => {
          const board = document.getElementById('board'), as = document.getElementById('board-as');
          const live = document.getElementById('board-live'), note = document.getElementById('board-note');
          as.value = localStorage.getItem('secbot.as') || '';
          as.addEventListener('change', () => localStorage.setItem('secbot.as', as.value));
          const events = new EventSource('/board/stream');
          events.addEventListener('board', e => { board.innerHTML = e.data; live.textContent = 'live'; });
          events.onerror = () => { live.textContent = 'reconnecting…'; };
          board.addEventListener('click', async e => {
            const button = e.target.closest('button[data-retry]');
            if (!button) return;
            if (!as.value) { note.textContent = 'Pick who you are first: only a SecOps or SecEng manager may retry.'; return; }
            button.disabled = true;
            try {
              const response = await fetch('/board/retry', {
                method: 'POST', headers: { 'X-SecBot-Console': '1' },
                body: new URLSearchParams({ as: as.value, target: button.dataset.retry }) });
              const answer = await response.json();
              note.textContent = answer.text || answer.error || response.statusText;
              note.className = response.ok ? '' : 'muted';
            } catch (error) {
              note.textContent = 'SecBot did not answer: ' + error;
            } finally { button.disabled = false; }
          });
        })();
        """;
}
