# Independent golden helper: computes cell values from raw simulator objects with the rules of
# k8s-semantics.md (HumanDuration, printPod STATUS, PVC/PV columns) and lays them out with tab.py.
import json, datetime
from tab import table
EPOCH = datetime.datetime(2026,1,1,tzinfo=datetime.timezone.utc)
def ts(s):
    return (datetime.datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc) - EPOCH).total_seconds() * 1000
def human(ms):
    s = int(ms / 1000) if ms >= 0 else -int(-ms / 1000)
    if s < -1: return "<invalid>"
    if s < 0: return "0s"
    if s < 120: return "%ds" % s
    m = s // 60
    if m < 10: return "%dm" % m if s % 60 == 0 else "%dm%ds" % (m, s % 60)
    if m < 180: return "%dm" % m
    h = s // 3600
    if h < 8: return "%dh" % h if m % 60 == 0 else "%dh%dm" % (h, m % 60)
    if h < 48: return "%dh" % h
    if h < 192: return "%dd" % (h // 24) if h % 24 == 0 else "%dd%dh" % (h // 24, h % 24)
    return "%dd" % (h // 24)
def age(obj, now): return human(now - ts(obj["metadata"]["creationTimestamp"]))
def pod_cells(p, now):
    st = p.get("status", {}); reason = st.get("reason") or st.get("phase", "")
    ready = 0; running = False
    for cs in reversed(st.get("containerStatuses", [])):
        s = cs["state"]
        if s.get("waiting", {}).get("reason"): reason = s["waiting"]["reason"]
        elif "terminated" in s and s["terminated"].get("reason"): reason = s["terminated"]["reason"]
        elif "terminated" in s: reason = "ExitCode:%d" % s["terminated"]["exitCode"]
        elif cs["ready"] and "running" in s: ready += 1; running = True
    if p["metadata"].get("deletionTimestamp") and st.get("phase") not in ("Succeeded", "Failed"): reason = "Terminating"
    # printPod: RESTARTS is the sum of restartCount, with "(<HumanDuration> ago)" of the latest
    # lastState.terminated.finishedAt when there were restarts
    restarts = 0; last = None
    for cs in st.get("containerStatuses", []):
        restarts += cs.get("restartCount", 0)
        fin = cs.get("lastState", {}).get("terminated", {}).get("finishedAt")
        if fin and (last is None or ts(fin) > last): last = ts(fin)
    rs = "%d (%s ago)" % (restarts, human(now - last)) if restarts and last is not None else str(restarts)
    return [p["metadata"]["name"], "%d/%d" % (ready, len(p["spec"]["containers"])), reason, rs, age(p, now)]
def pods(state, ns="default", names=None):
    return [p for p in state["Pod"] if p["metadata"].get("namespace") == ns and (names is None or p["metadata"]["name"] in names)]
P = ["NAME","READY","STATUS","RESTARTS","AGE"]
def pod_table(state, wide=False, prefix="", items=None):
    now = state["now"]; rows = [P + (["IP","NODE","NOMINATED NODE","READINESS GATES"] if wide else [])]
    for p in (items if items is not None else pods(state)):
        r = pod_cells(p, now); r[0] = prefix + r[0]
        if wide: r += [p.get("status", {}).get("podIP") or "<none>", p["spec"].get("nodeName") or "<none>", "<none>", "<none>"]
        rows.append(r)
    return rows
def modes(m):
    return ",".join(x for x, k in [("RWO","ReadWriteOnce"),("ROX","ReadOnlyMany"),("RWX","ReadWriteMany"),("RWOP","ReadWriteOncePod")] if k in (m or []))
PVC = ["NAME","STATUS","VOLUME","CAPACITY","ACCESS MODES","STORAGECLASS","VOLUMEATTRIBUTESCLASS","AGE"]
def pvc_rows(state, prefix=""):
    rows = [PVC]
    for c in state["PersistentVolumeClaim"]:
        vol = c["spec"].get("volumeName", ""); st = c.get("status", {})
        phase = "Terminating" if c["metadata"].get("deletionTimestamp") else st.get("phase", "")
        rows.append([prefix + c["metadata"]["name"], phase, vol, st.get("capacity", {}).get("storage", "") if vol else "", modes(st.get("accessModes")) if vol else "", c["spec"].get("storageClassName", ""), "<unset>", age(c, state["now"])])
    return rows
PV = ["NAME","CAPACITY","ACCESS MODES","RECLAIM POLICY","STATUS","CLAIM","STORAGECLASS","VOLUMEATTRIBUTESCLASS","REASON","AGE"]
def pv_rows(state):
    rows = [PV]
    for v in state["PersistentVolume"]:
        cr = v["spec"].get("claimRef"); phase = "Terminating" if v["metadata"].get("deletionTimestamp") else v.get("status", {}).get("phase", "")
        rows.append([v["metadata"]["name"], v["spec"]["capacity"]["storage"], modes(v["spec"].get("accessModes")), v["spec"].get("persistentVolumeReclaimPolicy", ""), phase, "%s/%s" % (cr["namespace"], cr["name"]) if cr else "", v["spec"].get("storageClassName", ""), "<unset>", "", age(v, state["now"])])
    return rows
S = ["NAME","TYPE","CLUSTER-IP","EXTERNAL-IP","PORT(S)","AGE"]
def svc_rows(state, prefix="", ns_col=False, wide=False):
    rows = [(["NAMESPACE"] if ns_col else []) + S + (["SELECTOR"] if wide else [])]
    for s in state["Service"]:
        if not ns_col and s["metadata"]["namespace"] != "default": continue
        ports = ",".join("%d/%s" % (p["port"], p.get("protocol", "TCP")) for p in s["spec"].get("ports", [])) or "<none>"
        sel = ",".join("%s=%s" % (k, v) for k, v in sorted(s["spec"].get("selector", {}).items())) or "<none>"
        r = ([s["metadata"]["namespace"]] if ns_col else []) + [prefix + s["metadata"]["name"], s["spec"].get("type", "ClusterIP"), s["spec"].get("clusterIP") or "<none>", "<none>", ports, age(s, state["now"])] + ([sel] if wide else [])
        rows.append(r)
    return rows
def sts_rows(state, prefix="", wide=False):
    rows = [["NAME","READY","AGE"] + (["CONTAINERS","IMAGES"] if wide else [])]
    for s in state["StatefulSet"]:
        cs = s["spec"]["template"]["spec"]["containers"]
        rows.append([prefix + s["metadata"]["name"], "%d/%d" % (s.get("status", {}).get("readyReplicas", 0), s["spec"]["replicas"]), age(s, state["now"])] + ([",".join(c["name"] for c in cs), ",".join(c["image"] for c in cs)] if wide else []))
    return rows
def load(path): return json.load(open(path))
