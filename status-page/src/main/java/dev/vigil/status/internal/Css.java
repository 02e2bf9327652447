package dev.vigil.status.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The page's one style sheet, inlined in a {@code <style>} element and allowed by its SHA-256 hash in the
 * Content-Security-Policy: the sheet is a constant, so its hash is too, and no inline {@code style} attribute or
 * injected {@code <style>} can apply (a nonce would need a random value per response for the same effect).
 */
public final class Css {
    public static final String SHEET = """
            :root{--bg:#f4f6f8;--card:#fff;--ink:#1f2328;--muted:#5f6b7a;--line:#e2e6ea;--up:#1f9d55;\
            --down:#e5484d;--warn:#f08c00;--new:#3b82f6;--paused:#8b949e;--unknown:#8b949e}
            *{box-sizing:border-box}
            body{margin:0;background:var(--bg);color:var(--ink);\
            font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
            a{color:#0969da}
            .wrap{max-width:1120px;margin:0 auto;padding:0 20px}
            .top{background:#111827;color:#fff;padding:16px 0}
            .brand{display:flex;align-items:center;gap:10px}
            .top h1{margin:0;font-size:20px;font-weight:600}
            .meta{margin:4px 0 0;color:#c9d1db;font-size:13px}
            .dot{width:12px;height:12px;border-radius:50%;display:inline-block}
            .banner{margin:20px 0 14px;padding:16px 20px;border-radius:10px;color:#fff;display:flex;gap:12px;\
            align-items:baseline;flex-wrap:wrap;font-size:15px}
            .banner strong{font-size:19px}
            .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:12px}
            .card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 14px;\
            color:inherit;text-decoration:none;display:flex;flex-direction:column;gap:6px}
            .card:hover{border-color:#b8c0ca}
            .card-title{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.05em}
            .card-n{font-size:24px;font-weight:650;line-height:1}
            .chips{display:flex;flex-wrap:wrap;gap:4px;min-height:18px}
            .chip{font-size:11px;padding:1px 8px;border-radius:999px;color:#fff;font-weight:600}
            .kind{background:var(--card);border:1px solid var(--line);border-radius:10px;margin:18px 0;\
            overflow:hidden}
            .kind h2{margin:0;padding:12px 16px;font-size:15px;border-bottom:1px solid var(--line);display:flex;\
            gap:8px;align-items:baseline}
            .count{color:var(--muted);font-weight:400;font-size:13px}
            table{width:100%;border-collapse:collapse}
            th{text-align:left;font-weight:500;color:var(--muted);font-size:12px;padding:7px 16px;\
            background:#f9fafb;border-bottom:1px solid var(--line)}
            td{padding:9px 16px;border-bottom:1px solid var(--line);vertical-align:top}
            tr:last-child td{border-bottom:0}
            td.st{width:130px}
            .nm{font-weight:550;word-break:break-word}
            .sub{display:block;color:var(--muted);font-size:12px;word-break:break-word}
            time{white-space:nowrap}
            .pill{display:inline-block;min-width:96px;text-align:center;padding:2px 10px;border-radius:999px;\
            color:#fff;font-size:11px;font-weight:700;text-transform:uppercase;letter-spacing:.04em;\
            white-space:nowrap}
            .t-up{background:var(--up)}
            .t-down{background:var(--down)}
            .t-warn{background:var(--warn)}
            .t-new{background:var(--new)}
            .t-paused{background:var(--paused)}
            .t-unknown{background:var(--unknown)}
            .tag{display:inline-block;font-size:11px;border:1px solid var(--line);border-radius:4px;padding:0 5px;\
            color:var(--muted);margin-left:6px;font-weight:400}
            .empty{padding:14px 16px;color:var(--muted);margin:0}
            .tree{padding:10px 16px;margin:0}
            .tree,.tree ul{list-style:none}
            .tree ul{margin:2px 0 2px 9px;padding-left:18px;border-left:1px dashed #cfd5dc}
            .tree li{padding:3px 0}
            .tree summary{cursor:pointer;display:flex;align-items:baseline;gap:8px;flex-wrap:wrap}
            .tree .leaf{display:flex;gap:8px;align-items:baseline;flex-wrap:wrap}
            .tree .pill{min-width:0;font-size:10px;padding:1px 8px}
            .tree .sub{display:inline}
            .flag{background:#fff4e5;color:#8a4b00;border:1px solid #f3c37a;border-radius:6px;padding:1px 8px;\
            font-size:12px;font-weight:600}
            meter{width:130px;height:12px;vertical-align:middle}
            .badge-link{font-size:12px}
            .more>summary{padding:10px 16px;cursor:pointer;color:var(--muted)}
            footer{color:var(--muted);font-size:12px;padding:12px 20px 40px}
            @media (max-width:760px){.hide-sm{display:none}td,th{padding:8px 10px}}
            """;

    /** The CSP source that allows exactly {@link #SHEET}. */
    public static final String HASH_SOURCE = "'sha256-" + sha256(SHEET) + "'";

    private Css() {
    }

    private static String sha256(String s) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
