// The page's stylesheet, served as a file (/app.css) like its script (serve/client-script.ts), so the page can forbid inline styles and script (CSP).

/** /app.css: readable on a phone (one column), denser on a wide screen. */
export const CSS = `
:root{color-scheme:light dark;--ok:#1a7f37;--busy:#9a6700;--bad:#cf222e;--info:#0969da;--dim:#6e7781;--bg:#fff;--card:#f6f8fa;--line:#d0d7de}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--card:#161b22;--line:#30363d;--ok:#3fb950;--busy:#d29922;--bad:#f85149;--info:#1f6feb;--dim:#8b949e}}
*{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;background:var(--bg)}
main{max-width:1200px;margin:0 auto;padding:12px}
h1{font-size:20px;margin:0 8px 0 0;display:inline}h2{font-size:17px;margin:18px 0 6px}
.top{display:flex;flex-wrap:wrap;align-items:center;gap:4px}
.badge{display:inline-block;padding:0 7px;border-radius:10px;font-size:13px;color:#fff;white-space:nowrap}
.badge.ok{background:var(--ok)}.badge.info{background:var(--info)}.badge.busy{background:var(--busy)}.badge.bad{background:var(--bad)}.badge.dim{background:var(--dim)}
.dim{color:var(--dim)}.small{font-size:13px}.busy{color:var(--busy)}.bad,.error{color:var(--bad)}
.badge.ok,.badge.busy,.badge.bad,.badge.dim,.badge.info{color:#fff}
.message{margin:6px 0}.rev{margin:2px 0;overflow-wrap:anywhere}.subject{font-weight:600;display:inline-block;max-width:100%;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;vertical-align:bottom}
.rollout{background:var(--card);border:1px solid var(--line);border-left:4px solid var(--busy);border-radius:8px;padding:8px 10px;margin:6px 0}
.rollout td.what{white-space:normal;font-size:13px;width:100%}.windows{margin:6px 0}
.blocked{background:color-mix(in srgb,var(--bad) 12%,transparent);border-left:4px solid var(--bad);padding:6px 10px;margin:6px 0;overflow-wrap:anywhere}
.servers{display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,1fr));gap:10px}
.server{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:8px 10px;min-width:0}
.name{display:flex;align-items:center;gap:8px;flex-wrap:wrap;overflow-wrap:anywhere}
.mode{font-size:12px;border:1px solid var(--line);border-radius:4px;padding:0 5px}.mode.draining{color:var(--busy);border-color:var(--busy)}
.spark{margin-left:auto;color:var(--busy)}
table{width:100%;border-collapse:collapse;margin-top:4px;font-size:14px}td{padding:2px 4px;border-top:1px solid var(--line);white-space:nowrap}
td.state,td.sync{white-space:normal;font-size:12px;line-height:1.2}
.server td:first-child,.server td.state{overflow-wrap:anywhere}
.pool-summary{cursor:pointer;padding:6px 10px;margin:4px 0 8px;background:var(--card);border:1px solid var(--line);border-radius:8px;font-size:14px;overflow-wrap:anywhere}
td.num{text-align:right;font-variant-numeric:tabular-nums;font-weight:600}
#live{position:fixed;right:8px;bottom:8px;font-size:12px}
@media (max-width:600px){main{padding:8px}.servers{grid-template-columns:1fr}td.state{display:none}}
`;
