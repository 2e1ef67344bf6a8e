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
def nominated_node(p):
    # printPod's NOMINATED NODE column: status.nominatedNodeName, "<none>" when empty
    return p.get("status", {}).get("nominatedNodeName") or "<none>"
def pod_table(state, wide=False, prefix="", items=None):
    now = state["now"]; rows = [P + (["IP","NODE","NOMINATED NODE","READINESS GATES"] if wide else [])]
    for p in (items if items is not None else pods(state)):
        r = pod_cells(p, now); r[0] = prefix + r[0]
        if wide: r += [p.get("status", {}).get("podIP") or "<none>", p["spec"].get("nodeName") or "<none>", nominated_node(p), "<none>"]
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

# ---- system pods (kube-system, local-path-storage) ----------------------------------------------
# Written from upstream, independently of src/kubectl: Go text/tabwriter (describe's writer is
# NewWriter(out, 0, 8, 2, ' ', 0)), describe.go describeNode / describeNodeResource, pkg/drain
# filters.go (daemonSetFilter, mirrorPodFilter) and pkg/cmd/drain RunDrain, printers.go
# printDaemonSet.
def gotab(text, padding=2):
    # text/tabwriter.format: a column block is a run of consecutive lines that have a cell
    # terminated by a tab in that column; its width is the widest such cell + padding; cells are
    # padded (also a line's last cell when the block is wider than the line), lines without a
    # tab end every block.
    lines = [l.split("\t") for l in text.split("\n")]
    out = [[] for _ in lines]
    def fmt(line0, line1, widths):
        col = len(widths); this = line0
        while this < line1:
            if col >= len(lines[this]) - 1:
                emit(this, widths); this += 1; continue
            start = this; width = 0
            while this < line1 and col < len(lines[this]) - 1:
                width = max(width, len(lines[this][col]) + padding); this += 1
            fmt(start, this, widths + [width])
    def emit(i, widths):
        cells = lines[i]
        out[i] = "".join(c.ljust(widths[j]) if j < len(widths) else c for j, c in enumerate(cells))
    fmt(0, len(lines), [])
    return "\n".join(out)
def rfc1123z(s):
    d = datetime.datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ")
    return d.strftime("%a, %d %b %Y %H:%M:%S +0000")
def iso(ms):
    return (EPOCH + datetime.timedelta(milliseconds=ms)).strftime("%Y-%m-%dT%H:%M:%SZ")
def milli(q):
    q = str(q)
    return int(q[:-1]) if q.endswith("m") else int(float(q) * 1000)
BIN = {"Ki": 1024, "Mi": 1024**2, "Gi": 1024**3, "Ti": 1024**4}
def membytes(q):
    q = str(q)
    for suf, f in BIN.items():
        if q.endswith(suf): return int(q[:-2]) * f
    return int(q)
def cpu_str(m): return "0" if m == 0 else ("%d" % (m // 1000) if m % 1000 == 0 else "%dm" % m)
def mem_str(b):
    # resource.Quantity String() in BinarySI: the largest suffix that divides exactly
    if b == 0: return "0"
    for suf in ("Ti", "Gi", "Mi", "Ki"):
        if b % BIN[suf] == 0: return "%d%s" % (b // BIN[suf], suf)
    return str(b)
def pct(part, whole): return int(part * 100 / whole) if whole else 0
def pod_resources(p):
    # resourcehelper.PodRequestsAndLimits: the sum over the containers
    cr = cl = mr = ml = 0
    for c in p["spec"]["containers"]:
        res = c.get("resources", {})
        req, lim = res.get("requests", {}), res.get("limits", {})
        cr += milli(req["cpu"]) if "cpu" in req else 0
        cl += milli(lim["cpu"]) if "cpu" in lim else 0
        mr += membytes(req["memory"]) if "memory" in req else 0
        ml += membytes(lim["memory"]) if "memory" in lim else 0
    return cr, cl, mr, ml
def pods_on(st, node):
    return sorted((p for p in st["Pod"] if p["spec"].get("nodeName") == node and p.get("status", {}).get("phase") not in ("Succeeded", "Failed")), key=lambda p: (p["metadata"]["namespace"], p["metadata"]["name"]))
def describe_node(st, name):
    # describe.go describeNode; the simulator keeps no Lease objects and renews the node's lease
    # every 10 s of virtual time (its RenewTime is the last multiple of 10 s)
    n = next(x for x in st["Node"] if x["metadata"]["name"] == name); now = st["now"]
    L = []
    roles = sorted(k.split("/", 1)[1] for k in n["metadata"].get("labels", {}) if k.startswith("node-role.kubernetes.io/") and k.split("/", 1)[1])
    L.append("Name:\t%s" % name)
    L.append("Roles:\t%s" % (",".join(roles) or "<none>"))
    labels = sorted("%s=%s" % kv for kv in n["metadata"].get("labels", {}).items())
    L.append("Labels:\t%s" % (labels[0] if labels else "<none>"))
    L += ["\t%s" % l for l in labels[1:]]
    ann = sorted("%s: %s" % kv for kv in n["metadata"].get("annotations", {}).items())
    L.append("Annotations:\t%s" % (ann[0] if ann else "<none>"))
    L += ["\t%s" % a for a in ann[1:]]
    L.append("CreationTimestamp:\t%s" % rfc1123z(n["metadata"]["creationTimestamp"]))
    taints = ["%s%s:%s" % (t["key"], "=" + t["value"] if t.get("value") else "", t["effect"]) for t in n["spec"].get("taints", [])]
    L.append("Taints:\t%s" % (taints[0] if taints else "<none>"))
    L += ["\t%s" % t for t in taints[1:]]
    L.append("Unschedulable:\t%s" % ("true" if n["spec"].get("unschedulable") else "false"))
    L += ["Lease:", "  HolderIdentity:\t%s" % name, "  AcquireTime:\t<unset>", "  RenewTime:\t%s" % rfc1123z(iso(now // 10000 * 10000))]
    L += ["Conditions:", "  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage", "  ----\t------\t-----------------\t------------------\t------\t-------"]
    for c in n["status"]["conditions"]:
        L.append("  %s \t%s \t%s \t%s \t%s \t%s" % (c["type"], c["status"], rfc1123z(c["lastHeartbeatTime"]), rfc1123z(c["lastTransitionTime"]), c["reason"], c["message"]))
    L.append("Addresses:")
    L += ["  %s:\t%s" % (a["type"], a["address"]) for a in n["status"]["addresses"]]
    for title, key in (("Capacity", "capacity"), ("Allocatable", "allocatable")):
        L.append("%s:" % title)
        L += ["  %s:\t%s" % (k, v) for k, v in sorted(n["status"][key].items())]
    info = n["status"]["nodeInfo"]
    L.append("System Info:")
    for label, key in (("Machine ID", "machineID"), ("System UUID", "systemUUID"), ("Boot ID", "bootID"), ("Kernel Version", "kernelVersion"), ("OS Image", "osImage"), ("Operating System", "operatingSystem"), ("Architecture", "architecture"), ("Container Runtime Version", "containerRuntimeVersion"), ("Kubelet Version", "kubeletVersion"), ("Kube-Proxy Version", "kubeProxyVersion")):
        L.append("  %s:\t%s" % (label, info.get(key, "")))
    if n["spec"].get("podCIDR"): L.append("PodCIDR:\t%s" % n["spec"]["podCIDR"])
    if n["spec"].get("podCIDRs"): L.append("PodCIDRs:\t%s" % ",".join(n["spec"]["podCIDRs"]))
    if n["spec"].get("providerID"): L.append("ProviderID:\t%s" % n["spec"]["providerID"])
    acpu = milli(n["status"]["allocatable"]["cpu"]); amem = membytes(n["status"]["allocatable"]["memory"])
    on = pods_on(st, name)
    L.append("Non-terminated Pods:\t(%d in total)" % len(on))
    L.append("  Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge")
    L.append("  ---------\t----\t\t------------\t----------\t---------------\t-------------\t---")
    tot = [0, 0, 0, 0]
    for p in on:
        cr, cl, mr, ml = pod_resources(p)
        tot = [tot[0] + cr, tot[1] + cl, tot[2] + mr, tot[3] + ml]
        L.append("  %s\t%s\t\t%s (%d%%)\t%s (%d%%)\t%s (%d%%)\t%s (%d%%)\t%s" % (p["metadata"]["namespace"], p["metadata"]["name"], cpu_str(cr), pct(cr, acpu), cpu_str(cl), pct(cl, acpu), mem_str(mr), pct(mr, amem), mem_str(ml), pct(ml, amem), age(p, now)))
    L += ["Allocated resources:", "  (Total limits may be over 100 percent, i.e., overcommitted.)", "  Resource\tRequests\tLimits", "  --------\t--------\t------"]
    L.append("  cpu\t%s (%d%%)\t%s (%d%%)" % (cpu_str(tot[0]), pct(tot[0], acpu), cpu_str(tot[1]), pct(tot[1], acpu)))
    L.append("  memory\t%s (%d%%)\t%s (%d%%)" % (mem_str(tot[2]), pct(tot[2], amem), mem_str(tot[3]), pct(tot[3], amem)))
    L.append("  ephemeral-storage\t0 (0%)\t0 (0%)")
    L += ["  %s\t0 (0%%)\t0 (0%%)" % k for k in sorted(n["status"]["allocatable"]) if k.startswith("hugepages-")]
    evs = [x for x in st["Event"] if x["involvedObject"]["kind"] == "Node" and x["involvedObject"]["name"] == name]
    if evs: raise SystemExit("describe_node: node events are not modelled in this oracle")
    L.append("Events:\t<none>")
    return gotab("\n".join(L))
def controller_of(p):
    return next((r for r in p["metadata"].get("ownerReferences", []) if r.get("controller")), None)
def drain_filter(st, node, ignore_ds):
    # pkg/drain GetPodsForDeletion with --ignore-daemonsets or not (no emptyDir or unmanaged pods
    # in these transcripts): daemonSetFilter (a DaemonSet-controlled pod that is not finished:
    # error, or warning and kept with --ignore-daemonsets), then mirrorPodFilter (skipped).
    # Returns (pods to evict, warning text or None, error text or None).
    evict, ds = [], []
    for p in sorted((p for p in st["Pod"] if p["spec"].get("nodeName") == node), key=lambda p: (p["metadata"]["namespace"], p["metadata"]["name"])):
        ref = controller_of(p)
        finished = p.get("status", {}).get("phase") in ("Succeeded", "Failed")
        if ref and ref["kind"] == "DaemonSet" and not finished: ds.append(p); continue
        if "kubernetes.io/config.mirror" in p["metadata"].get("annotations", {}): continue
        evict.append(p)
    names = ", ".join("%s/%s" % (p["metadata"]["namespace"], p["metadata"]["name"]) for p in ds)
    if not ds: return evict, None, None
    if ignore_ds: return evict, "Warning: ignoring DaemonSet-managed Pods: " + names, None
    return evict, None, "cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): " + names
def drain_refused(node, first):
    # RunDrain: the per-node error line, then the pending nodes, then cmdutil's "error: " + err
    def out(st, e):
        _, _, err = drain_filter(st, node, False)
        return "\n".join([first, 'error: unable to drain node "%s" due to error: %s, continuing command...' % (node, err), "There are pending nodes to be drained:", " " + node, "error: " + err])
    return out
def pod_table_all(st, prefix=""):
    rows = [["NAMESPACE"] + P]
    for p in sorted(st["Pod"], key=lambda p: (p["metadata"]["namespace"], p["metadata"]["name"])):
        r = pod_cells(p, st["now"]); r[0] = prefix + r[0]
        rows.append([p["metadata"]["namespace"]] + r)
    return rows
DS = ["NAME","DESIRED","CURRENT","READY","UP-TO-DATE","AVAILABLE","NODE SELECTOR","AGE"]
def ds_rows(st, ns=None, names=None):
    # printDaemonSet: the status counters, the template's nodeSelector as labels.FormatLabels
    rows = [(["NAMESPACE"] if ns is None else []) + DS]
    for d in sorted(st.get("DaemonSet", []), key=lambda d: (d["metadata"]["namespace"], d["metadata"]["name"])):
        if ns is not None and d["metadata"]["namespace"] != ns: continue
        if names is not None and d["metadata"]["name"] not in names: continue
        s = d.get("status", {})
        sel = ",".join("%s=%s" % kv for kv in sorted(d["spec"]["template"]["spec"].get("nodeSelector", {}).items())) or "<none>"
        rows.append(([d["metadata"]["namespace"]] if ns is None else []) + [d["metadata"]["name"], str(s.get("desiredNumberScheduled", 0)), str(s.get("currentNumberScheduled", 0)), str(s.get("numberReady", 0)), str(s.get("updatedNumberScheduled", 0)), str(s.get("numberAvailable", 0)), sel, age(d, st["now"])])
    return rows
def default_crs(st):
    # ControllerRevisions kubectl lists without -n: the default namespace's (kube-system has the
    # DaemonSets' revisions)
    return [r for r in st["ControllerRevision"] if r["metadata"].get("namespace") == "default"]

# ---- status.nominatedNodeName (Kubernetes 1.35) ---------------------------------------------------
# kube-scheduler, schedule_one.go bindingCycle with NominatedNodeNameForExpectation (Beta, on in 1.35):
# when RunPreBindPreFlights answers Success (of the default plugins only VolumeBinding can, and its
# PreBindPreFlight succeeds unless every claim of the pod is already bound) the scheduler patches
# status.nominatedNodeName = the chosen node BEFORE PreBind (which provisions the volume) and Bind.
# kube-apiserver's pods/binding with ClearingNominatedNodeNameAfterBinding (Beta, on in 1.35) clears
# it in the same write that sets spec.nodeName. `kubectl get -w` prints a row for every MODIFIED
# event, so such a pod shows one more Pending row. This checks the raw watch events of one line
# against that rule, so the rows printed from them are the rows a 1.35 cluster prints.
def _strip(p):
    q = json.loads(json.dumps(p))
    q["metadata"].pop("resourceVersion", None); q.get("status", {}).pop("nominatedNodeName", None)
    return q
def check_nominations(entry):
    before = entry["before"]
    claims = {(c["metadata"].get("namespace"), c["metadata"]["name"]): c for c in before.get("PersistentVolumeClaim", [])}
    last = {p["metadata"]["uid"]: p for p in before.get("Pod", [])}
    nominated = {u: p["status"]["nominatedNodeName"] for u, p in last.items() if p.get("status", {}).get("nominatedNodeName")}
    for ev in entry["events"]:
        if ev["kind"] != "Pod": continue
        p = ev["obj"]; uid = p["metadata"]["uid"]; prev = last.get(uid); last[uid] = p
        if ev["type"] != "MODIFIED" or prev is None: continue
        nnn, old_nnn = p.get("status", {}).get("nominatedNodeName"), prev.get("status", {}).get("nominatedNodeName")
        if nnn and nnn != old_nnn:
            # the nomination: a status-only write of a pod that is not bound yet
            assert not p["spec"].get("nodeName"), ("nominated a bound pod", p["metadata"]["name"])
            assert _strip(p) == _strip(prev), ("nomination changed more than the field", p["metadata"]["name"])
            nominated[uid] = nnn
        if p["spec"].get("nodeName") and not prev["spec"].get("nodeName"):
            # the binding
            name = p["metadata"]["name"]; ns = p["metadata"].get("namespace")
            assert not nnn, ("binding kept nominatedNodeName", name)
            refs = [v["persistentVolumeClaim"]["claimName"] for v in p["spec"].get("volumes", []) if "persistentVolumeClaim" in v]
            all_bound = all(claims.get((ns, c), {}).get("status", {}).get("phase") == "Bound" for c in refs)
            if all_bound: assert uid not in nominated, ("nominated although its claims were bound", name)
            else: assert nominated.get(uid) == p["spec"]["nodeName"], ("not nominated before PreBind", name, nominated.get(uid))

# ---- describe deployment / replicaset / daemonset (describe.go DeploymentDescriber,
# ReplicaSetDescriber, DaemonSetDescriber and DescribePodTemplate, kubectl release-1.35) ----------
def _multi(title, items):
    # printLabelsMultiline / printAnnotationsMultiline / printTolerationsMultiline: the first
    # item after "title:\t", the others after a lone tab; "<none>" when empty
    if not items: return ["%s:\t<none>" % title]
    return ["%s:\t%s" % (title, items[0])] + ["\t%s" % i for i in items[1:]]
def _labels(m): return sorted("%s=%s" % kv for kv in (m or {}).items())
def _annotations(m):
    skip = "kubectl.kubernetes.io/last-applied-configuration"
    return ["%s: %s" % (k, v) for k, v in sorted((m or {}).items()) if k != skip]
def _toleration(t):
    s = t.get("key", "") + ("=" + t["value"] if t.get("value") else "") + (":" + t["effect"] if t.get("effect") else "")
    if t.get("operator") == "Exists" and not t.get("value"):
        s += " op=Exists" if (t.get("key") or t.get("effect")) else "op=Exists"
    if "tolerationSeconds" in t: s += " for %ds" % t["tolerationSeconds"]
    return s
def _selector(sel):
    # labels.Selector.String() of LabelSelectorAsSelector: requirements sorted by key
    reqs = [(k, "%s=%s" % (k, v)) for k, v in (sel or {}).get("matchLabels", {}).items()]
    for e in (sel or {}).get("matchExpressions", []):
        op = e["operator"]; vals = ",".join(sorted(e.get("values", [])))
        reqs.append((e["key"], {"In": "%s in (%s)" % (e["key"], vals), "NotIn": "%s notin (%s)" % (e["key"], vals), "Exists": e["key"], "DoesNotExist": "!" + e["key"]}[op]))
    return ",".join(r for _, r in sorted(reqs, key=lambda x: x[0]))
def _ports(ports, host):
    return ", ".join("%d/%s%s" % (p.get("hostPort", 0) if host else p["containerPort"], p.get("protocol", "TCP"), " (%s)" % p["name"] if p.get("name") else "") for p in ports)
def _probe(p):
    attrs = "delay=%ds timeout=%ds period=%ds #success=%d #failure=%d" % (p.get("initialDelaySeconds", 0), p.get("timeoutSeconds", 1), p.get("periodSeconds", 10), p.get("successThreshold", 1), p.get("failureThreshold", 3))
    if "httpGet" in p:
        h = p["httpGet"]
        return "http-get %s://%s:%s%s %s" % (h.get("scheme", "HTTP").lower(), h.get("host", ""), h["port"], h.get("path", ""), attrs)
    if "tcpSocket" in p: return "tcp-socket %s:%s %s" % (p["tcpSocket"].get("host", ""), p["tcpSocket"]["port"], attrs)
    if "exec" in p: return "exec [%s] %s" % (" ".join(p["exec"]["command"]), attrs)
    raise SystemExit("_probe: probe kind not modelled")
def pod_template_lines(t):
    L = ["Pod Template:"]; spec = t["spec"]; meta = t.get("metadata", {})
    L += _multi("  Labels", _labels(meta.get("labels")))
    if meta.get("annotations"): L += _multi("  Annotations", _annotations(meta["annotations"]))
    if spec.get("serviceAccountName"): L.append("  Service Account:\t%s" % spec["serviceAccountName"])
    if spec.get("initContainers"): raise SystemExit("pod_template_lines: init containers not modelled")
    L.append("  Containers:" if spec.get("containers") else "  Containers: <none>")
    for c in spec.get("containers", []):
        L.append("   %s:" % c["name"])
        L.append("    Image:\t%s" % c["image"])
        ps, hs = _ports(c.get("ports", []), False), _ports(c.get("ports", []), True)
        L.append("    Ports:\t%s" % ps if "," in ps else "    Port:\t%s" % (ps or "<none>"))
        L.append("    Host Ports:\t%s" % hs if "," in hs else "    Host Port:\t%s" % (hs or "<none>"))
        for title, key in (("Command", "command"), ("Args", "args")):
            if c.get(key): L += ["    %s:" % title] + ["      %s" % s for a in c[key] for s in a.split("\n")]
        res = c.get("resources", {})
        for title, key in (("Limits", "limits"), ("Requests", "requests")):
            if res.get(key): L += ["    %s:" % title] + ["      %s:\t%s" % kv for kv in sorted(res[key].items())]
        for title, key in (("Liveness", "livenessProbe"), ("Readiness", "readinessProbe"), ("Startup", "startupProbe")):
            if key in c: L.append("    %s:\t%s" % (title, _probe(c[key])))
        if c.get("envFrom"): raise SystemExit("pod_template_lines: envFrom not modelled")
        L.append("    Environment:" if c.get("env") else "    Environment:\t<none>")
        for ev in c.get("env", []):
            if "valueFrom" not in ev: L.append("      %s:\t%s" % (ev["name"], ev.get("value", "")))
            elif "fieldRef" in ev["valueFrom"]:
                # no pod to resolve the field from: an empty value, then (apiVersion:fieldPath)
                f = ev["valueFrom"]["fieldRef"]; L.append("      %s:\t (%s:%s)" % (ev["name"], f.get("apiVersion", "v1"), f["fieldPath"]))
            else: raise SystemExit("pod_template_lines: env source not modelled")
        L.append("    Mounts:" if c.get("volumeMounts") else "    Mounts:\t<none>")
        for m in sorted(c.get("volumeMounts", []), key=lambda m: m["mountPath"]):
            L.append("      %s from %s (%s)" % (m["mountPath"], m["name"], "ro" if m.get("readOnly") else "rw"))
    vols = spec.get("volumes", [])
    L.append("  Volumes:" if vols else "  Volumes:\t<none>")
    for v in vols:
        L.append("   %s:" % v["name"])
        if "configMap" in v:
            L += ["    Type:\tConfigMap (a volume populated by a ConfigMap)", "    Name:\t%s" % v["configMap"]["name"], "    Optional:\t%s" % ("true" if v["configMap"].get("optional") else "false")]
        elif "hostPath" in v:
            # the API server defaults an omitted hostPath.type to "" (HostPathUnset)
            L += ["    Type:\tHostPath (bare host directory volume)", "    Path:\t%s" % v["hostPath"]["path"], "    HostPathType:\t%s" % v["hostPath"].get("type", "")]
        else: raise SystemExit("pod_template_lines: volume kind not modelled")
    if spec.get("topologySpreadConstraints"): raise SystemExit("pod_template_lines: topology spread not modelled")
    if spec.get("priorityClassName"): L.append("  Priority Class Name:\t%s" % spec["priorityClassName"])
    L += _multi("  Node-Selectors", _labels(spec.get("nodeSelector")))
    L += _multi("  Tolerations", [_toleration(t) for t in sorted(spec.get("tolerations", []), key=lambda t: t.get("key", ""))])
    return L
def _controlled_by(obj, uid):
    return any(r.get("controller") and r["uid"] == uid for r in obj["metadata"].get("ownerReferences", []))
def _phases(st, owner, sel):
    # getPodStatusForController: pods the selector lists whose controller is the owner, by phase
    m = sel.get("matchLabels", {}); n = {"Running": 0, "Pending": 0, "Succeeded": 0, "Failed": 0}
    assert not sel.get("matchExpressions")
    for p in pods(st, owner["metadata"]["namespace"]):
        if all(p["metadata"].get("labels", {}).get(k) == v for k, v in m.items()) and _controlled_by(p, owner["metadata"]["uid"]):
            ph = p.get("status", {}).get("phase")
            if ph in n: n[ph] += 1
    return "%d Running / %d Waiting / %d Succeeded / %d Failed" % (n["Running"], n["Pending"], n["Succeeded"], n["Failed"])
def _no_events(st, obj):
    evs = [x for x in st["Event"] if x["involvedObject"]["kind"] == obj["kind"] and x["involvedObject"]["name"] == obj["metadata"]["name"] and x["metadata"].get("namespace") == obj["metadata"]["namespace"]]
    if evs: raise SystemExit("%s events are not modelled in this oracle" % obj["kind"])
    return ["Events:\t<none>"]
def _find(st, kind, ns, name):
    return next(x for x in st[kind] if x["metadata"]["namespace"] == ns and x["metadata"]["name"] == name)
def describe_daemonset(st, ns, name):
    d = _find(st, "DaemonSet", ns, name); s = d.get("status", {})
    L = ["Name:\t%s" % name, "Namespace:\t%s" % ns, "Selector:\t%s" % _selector(d["spec"]["selector"]),
         "Node-Selector:\t%s" % (",".join(_labels(d["spec"]["template"]["spec"].get("nodeSelector"))) or "<none>")]
    L += _multi("Labels", _labels(d["metadata"].get("labels"))) + _multi("Annotations", _annotations(d["metadata"].get("annotations")))
    L += ["Desired Number of Nodes Scheduled: %d" % s.get("desiredNumberScheduled", 0),
          "Current Number of Nodes Scheduled: %d" % s.get("currentNumberScheduled", 0),
          "Number of Nodes Scheduled with Up-to-date Pods: %d" % s.get("updatedNumberScheduled", 0),
          "Number of Nodes Scheduled with Available Pods: %d" % s.get("numberAvailable", 0),
          "Number of Nodes Misscheduled: %d" % s.get("numberMisscheduled", 0),
          "Pods Status:\t%s" % _phases(st, d, d["spec"]["selector"])]
    L += pod_template_lines(d["spec"]["template"]) + _no_events(st, d)
    return gotab("\n".join(L))
def _conditions(conds):
    if not conds: return []
    return ["Conditions:", "  Type\tStatus\tReason", "  ----\t------\t------"] + ["  %s \t%s\t%s" % (c["type"], c["status"], c.get("reason", "")) for c in conds]
def describe_replicasets(st, ns):
    out = []
    for rs in sorted((x for x in st["ReplicaSet"] if x["metadata"]["namespace"] == ns), key=lambda x: x["metadata"]["name"]):
        L = ["Name:\t%s" % rs["metadata"]["name"], "Namespace:\t%s" % ns, "Selector:\t%s" % _selector(rs["spec"]["selector"])]
        L += _multi("Labels", _labels(rs["metadata"].get("labels"))) + _multi("Annotations", _annotations(rs["metadata"].get("annotations")))
        ctl = [r for r in rs["metadata"].get("ownerReferences", []) if r.get("controller")]
        if ctl: L.append("Controlled By:\t%s/%s" % (ctl[0]["kind"], ctl[0]["name"]))
        L.append("Replicas:\t%d current / %d desired" % (rs.get("status", {}).get("replicas", 0), rs["spec"].get("replicas", 1)))
        L.append("Pods Status:\t%s" % _phases(st, rs, rs["spec"]["selector"]))
        L += pod_template_lines(rs["spec"]["template"]) + _conditions(rs.get("status", {}).get("conditions")) + _no_events(st, rs)
        out.append(gotab("\n".join(L)))
    return "\n\n\n".join(out)
def _same_template(a, b):
    def strip(t):
        t = json.loads(json.dumps(t)); t.setdefault("metadata", {}).setdefault("labels", {}).pop("pod-template-hash", None)
        return t
    return strip(a) == strip(b)
def describe_deployment(st, ns, name):
    d = _find(st, "Deployment", ns, name); s = d.get("status", {}); spec = d["spec"]
    L = ["Name:\t%s" % name, "Namespace:\t%s" % ns, "CreationTimestamp:\t%s" % rfc1123z(d["metadata"]["creationTimestamp"])]
    L += _multi("Labels", _labels(d["metadata"].get("labels"))) + _multi("Annotations", _annotations(d["metadata"].get("annotations")))
    L.append("Selector:\t%s" % _selector(spec["selector"]))
    L.append("Replicas:\t%d desired | %d updated | %d total | %d available | %d unavailable" % (spec.get("replicas", 1), s.get("updatedReplicas", 0), s.get("replicas", 0), s.get("availableReplicas", 0), s.get("unavailableReplicas", 0)))
    L += ["StrategyType:\t%s" % spec["strategy"]["type"], "MinReadySeconds:\t%d" % spec.get("minReadySeconds", 0)]
    ru = spec["strategy"].get("rollingUpdate")
    if ru is not None: L.append("RollingUpdateStrategy:\t%s max unavailable, %s max surge" % (ru["maxUnavailable"], ru["maxSurge"]))
    L += pod_template_lines(spec["template"]) + _conditions(s.get("conditions"))
    # deploymentutil.GetAllReplicaSetsInChunks: owned ReplicaSets oldest first; the new one is the
    # oldest with the Deployment's template; old ones are the rest with spec.replicas != 0
    owned = sorted((x for x in st["ReplicaSet"] if x["metadata"]["namespace"] == ns and _controlled_by(x, d["metadata"]["uid"])), key=lambda x: (ts(x["metadata"]["creationTimestamp"]), x["metadata"]["name"]))
    new = [x for x in owned if _same_template(x["spec"]["template"], spec["template"])][:1]
    old = [x for x in owned if x not in new and x["spec"].get("replicas", 1) != 0]
    fmt = lambda l: ", ".join("%s (%d/%d replicas created)" % (x["metadata"]["name"], x.get("status", {}).get("replicas", 0), x["spec"].get("replicas", 1)) for x in l) or "<none>"
    if old or new: L += ["OldReplicaSets:\t%s" % fmt(old), "NewReplicaSet:\t%s" % fmt(new)]
    L += _no_events(st, d)
    return gotab("\n".join(L))
