using System.Text;
using static SecBot.Host.WebConsole.ConsolePage;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Host.WebConsole;

/// <summary>
/// The Chat page: a picker of every roster person (name and roles today; the choice kept in <c>localStorage</c> under
/// <c>secbot.as</c>), the text box whose answer shows under it, and the person's direct messages and the incidents
/// channel side by side, kept live from <c>/console/stream</c>. Buttons and forms on the cards post back to the server.
/// </summary>
public static class ConsoleChatPage
{
    public const string StorageKey = "secbot.as";

    public static IResult Result(RosterModel roster, DateTimeOffset now, bool loginRequired)
    {
        ArgumentNullException.ThrowIfNull(roster);
        var body = new StringBuilder();
        body.Append("<style>").Append(Style).Append("</style><section class=\"chat-top\"><label>Act as <select id=\"as\">");
        foreach (var person in roster.People)
        {
            var roles = roster.RolesHeldBy(person.Id, now);
            body.Append("<option value=\"").Append(Encode(person.Id)).Append("\">").Append(Encode(person.Name))
                .Append(roles.Count == 0 ? "" : " — " + Encode(string.Join(", ", roles))).Append("</option>");
        }

        body.Append("</select></label>");
        if (loginRequired) body.Append(" <button type=\"button\" id=\"logout\">Log out</button>");
        body.Append("""
            <form id="say"><input id="text" name="text" autocomplete="off" placeholder="Type a command as in Slack: help, declare &quot;Suspicious login&quot; level:L2, oncall, reviews …" aria-label="Command">
            <button type="submit" class="primary">Send</button></form>
            <div id="answer" aria-live="polite"></div></section>
            <div class="panes"><section><h2>Direct messages <span id="dm-who" class="muted"></span></h2><div id="dm" class="pane"></div></section>
            <section><h2>#incidents</h2><div id="channel" class="pane"></div></section></div>
            """);
        return ConsolePage.Result("Chat", "Chat", body.ToString(), Script);
    }

    private const string Style = """
        .chat-top{position:sticky;top:0;background:var(--bg);padding-bottom:.4rem;z-index:1}
        #say{display:flex;gap:.5rem;margin:.6rem 0}#say input{flex:1}select{max-width:100%}
        .answer .text,.card .text{white-space:pre-wrap;margin:.3rem 0}.answer.refusal{border-left:4px solid var(--attention);padding:.4rem .6rem;background:var(--card);color:var(--attention)}
        .panes{display:grid;grid-template-columns:1fr 1fr;gap:1rem}@media (max-width:800px){.panes{grid-template-columns:1fr}}
        .card h3,.card h4{margin:.1rem 0 .3rem;font-size:1rem}.facts{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .8rem;margin:.3rem 0}.facts dt{color:var(--muted)}.facts dd{margin:0}
        .buttons{display:flex;flex-wrap:wrap;gap:.4rem;margin:.4rem 0}.context{font-size:.85em}
        form.asks,form.opened-form{display:flex;flex-direction:column;gap:.4rem;margin:.4rem 0}form.asks label,form.opened-form label{display:flex;flex-direction:column}
        form.asks[hidden]{display:none}fieldset{border:1px solid var(--line);border-radius:4px}label.option{display:block}
        """;

    private const string Script = """
        const $ = s => document.querySelector(s);
        const who = $('#as');
        const saved = localStorage.getItem('secbot.as');
        if (saved && [...who.options].some(o => o.value === saved)) who.value = saved;
        const esc = t => { const d = document.createElement('div'); d.textContent = t; return d.innerHTML; };
        async function post(path, body) {
          const r = await fetch(path, {method: 'POST', headers: {'Content-Type': 'application/json', 'X-SecBot-Console': '1'}, body: JSON.stringify({as: who.value, ...body})});
          const data = await r.json().catch(() => ({error: 'SecBot answered ' + r.status + '.'}));
          if (r.ok) return data;
          return {refusal: true, text: data.error, html: '<div class="answer refusal" role="alert"><strong>Refused:</strong> <span class="text">' + esc(data.error) + '</span></div>'};
        }
        const show = answer => { if (answer.html) $('#answer').innerHTML = answer.html; };
        let source;
        function connect() {
          if (source) source.close();
          delete document.body.dataset.live;
          $('#dm').replaceChildren(); $('#channel').replaceChildren(); $('#answer').replaceChildren();
          $('#dm-who').textContent = 'of ' + who.options[who.selectedIndex].text.split(' — ')[0];
          source = new EventSource('/console/stream?as=' + encodeURIComponent(who.value));
          source.addEventListener('ready', () => { document.body.dataset.live = who.value; });
          source.addEventListener('message', e => {
            const m = JSON.parse(e.data);
            const t = document.createElement('template'); t.innerHTML = m.html;
            const card = t.content.firstElementChild;
            const old = document.getElementById('msg-' + m.id);
            if (old) old.replaceWith(card); else (m.recipient.startsWith('person:') ? $('#dm') : $('#channel')).prepend(card);
          });
        }
        who.addEventListener('change', () => { localStorage.setItem('secbot.as', who.value); connect(); });
        function values(form) {
          const v = {};
          form.querySelectorAll('input[type=text], textarea').forEach(i => { v[i.name] = i.value; });
          form.querySelectorAll('fieldset[data-kind=checkboxes]').forEach(f => { v[f.dataset.input] = [...f.querySelectorAll('input:checked')].map(c => c.value).join('\n'); });
          return v;
        }
        const messageOf = el => { const card = el.closest('[data-message]'); return card ? Number(card.dataset.message) : null; };
        document.addEventListener('click', async e => {
          const cancel = e.target.closest('form.asks button.cancel');
          if (cancel) { cancel.closest('form').hidden = true; return; }
          const b = e.target.closest('button[data-action]');
          if (!b) return;
          const press = {message: messageOf(b), action: b.dataset.action, value: b.dataset.value};
          if (b.dataset.asks) {
            const check = await post('/console/check', press);
            if (check.refusal) { show(check); return; }
            const card = b.closest('.card');
            card.querySelectorAll('form.asks').forEach(f => { f.hidden = f.dataset.form !== b.dataset.asks; });
            card.querySelector('form.asks:not([hidden]) input, form.asks:not([hidden]) textarea')?.focus();
            return;
          }
          b.disabled = true;
          try { show(await post('/console/press', press)); } finally { b.disabled = false; }
        });
        document.addEventListener('submit', async e => {
          const f = e.target;
          e.preventDefault();
          if (f.id === 'say') {
            const answer = await post('/console/say', {text: $('#text').value});
            show(answer);
            if (!answer.refusal) $('#text').value = '';
          } else if (f.matches('form.asks')) {
            show(await post('/console/press', {message: messageOf(f), action: f.dataset.action, value: f.dataset.value, inputs: values(f)}));
          } else if (f.matches('form.opened-form')) {
            show(await post('/console/form', {kind: f.dataset.kind, values: values(f)}));
          }
        });
        $('#logout')?.addEventListener('click', async () => { await fetch('/console/logout', {method: 'POST', headers: {'X-SecBot-Console': '1'}}); location.reload(); });
        connect();
        """;
}
