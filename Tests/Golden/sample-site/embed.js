/* Herald status banner: no network requests, no cookies. */
(function(S){"use strict";
var d=document,s=d.currentScript,w=s&&s.getAttribute("data-components"),top=s&&s.getAttribute("data-position")==="top";
var want=w!=null?w.split(",").map(function(x){return x.trim()}).filter(Boolean):null;
function seen(i){try{return localStorage.getItem("herald:"+i.id)==="1"}catch(e){return false}}
var items=S.items.filter(function(i){return(!want||i.all||i.components.some(function(c){return want.indexOf(c)>=0}))&&!seen(i)});
if(!items.length)return;
function el(n,css,t){var e=d.createElement(n);if(css)e.style.cssText=css;if(t)e.textContent=t;return e}
function when(t){try{return new Date(t).toLocaleString(S.t.lang,{dateStyle:"medium",timeStyle:"short"})}catch(e){return t}}
function show(){
var host=el("div","all:initial;display:block;position:"+(top?"relative":"fixed")+";z-index:2147483000;"+(top?"":"left:0;right:0;bottom:0;pointer-events:none;"));
host.setAttribute("data-herald-banner","");
var root=host.attachShadow?host.attachShadow({mode:"open"}):host;
var box=el("div","all:initial;box-sizing:border-box;max-width:768px;margin:0 auto;padding:12px 16px;background:#1f2328;color:#fff;font:15px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;border-left:6px solid #ffb000;display:flex;gap:16px;align-items:flex-start;pointer-events:auto"+(top?"":";margin-bottom:16px;border-radius:6px;box-shadow:0 2px 12px rgba(0,0,0,.35)"));
box.setAttribute("role","status");
var text=el("div","flex:1;min-width:0");
items.forEach(function(i){
var p=el("p","margin:0 0 4px");p.appendChild(el("strong","font-weight:700",i.title));
p.appendChild(d.createTextNode(" \u2014 "+i.status+", "+when(i.time)+" "));
var a=el("a","color:#9ecbff;text-decoration:underline",S.t.details);a.href=i.url;a.setAttribute("aria-label",S.t.details+": "+i.title);
p.appendChild(a);text.appendChild(p)});
var b=el("button","flex:none;font:inherit;color:#fff;background:transparent;border:1px solid #fff;border-radius:4px;padding:3px 10px;cursor:pointer",S.t.dismiss);
b.type="button";b.setAttribute("aria-label",S.t.dismissLabel);
function ring(e,on){e.style.outline=on?"3px solid #9ecbff":"";e.style.outlineOffset=on?"2px":""}
[b].concat([].slice.call(text.querySelectorAll("a"))).forEach(function(e){e.addEventListener("focus",function(){ring(e,true)});e.addEventListener("blur",function(){ring(e,false)})});
var back=null;box.addEventListener("focusin",function(e){var r=e.relatedTarget;if(r&&r!==host&&!host.contains(r)&&!box.contains(r))back=r});
b.addEventListener("click",function(){items.forEach(function(i){try{localStorage.setItem("herald:"+i.id,"1")}catch(e){}});
var inside=d.activeElement===host||host.contains(d.activeElement);host.remove();if(inside&&back&&back.isConnected)back.focus()});
box.appendChild(b);root.appendChild(box);
if(top)d.body.insertBefore(host,d.body.firstChild);else d.body.appendChild(host);
setTimeout(function(){box.insertBefore(text,b)},50)}
if(d.body)show();else d.addEventListener("DOMContentLoaded",show);
})({"items":[{"all":false,"components":["payments","billing-emails"],"id":"2026-11-27-delayed-payments-update-20261127T085000Z","impact":"major","status":"Monitoring","time":"2026-11-27T08:50:00Z","title":"Delayed payment processing","url":"https://status.acme-cloud.example/incidents/2026-11-27-delayed-payments/"}],"page":"https://status.acme-cloud.example/","t":{"details":"Details","dismiss":"Dismiss","dismissLabel":"Dismiss status message","lang":"en"}});
