"""Regenerates the expected outputs of tests/golden/*.txt from RAW simulator state.

The values (ages, IPs, nodes, volume names, event times) come from the simulator's objects, dumped
by dump-facts.mjs; the rules that turn them into kubectl output (HumanDuration, the pod STATUS
algorithm, column sets, tabwriter layout, describe blocks, rollout status messages) are written
here independently from src/kubectl, from k8s-semantics.md and upstream kubectl. The kubectl code
under test never produces the expected text. Usage: see README.md.
"""
import json, os, sys, datetime
HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.dirname(HERE)
FACTS = sys.argv[1] if len(sys.argv) > 1 else '/tmp/sts-lab-facts'
from tab import table
from oracle import *
NORES = "No resources found in default namespace."
def tbl(rows, empty=NORES):
    return table(rows) if len(rows) > 1 else empty
def header(name):
    text = open(os.path.join(GOLDEN, '%s.txt') % name).read().split('\n')
    i = next(i for i, l in enumerate(text) if l.startswith('$ '))
    return text[:i]
def write(name, outputs):
    facts = load(os.path.join(FACTS, 'f-%s.json') % name)
    out = header(name)
    for entry in facts:
        out.append(entry.get('prompt', '$ ') + entry['line'])
        fn = outputs.get(entry['line'])
        if entry['line'] not in outputs:
            # sleep prints nothing; neither does a line that only continues a here-document.
            if not entry['line'].startswith('sleep') and entry.get('prompt') != '> ':
                raise SystemExit('no expectation for %r in %s' % (entry['line'], name))
            continue
        text = fn(entry['before'], entry) if callable(fn) else fn
        if text is not None: out.append(text)
    open(os.path.join(GOLDEN, '%s.txt') % name, 'w').write('\n'.join(out) + '\n')

APPLIED = "service/db-service created\nstatefulset.apps/db-cluster created"
def seq(*fns):
    # several identical command lines: use a counter per line
    state = {'i': 0}
    def f(st, e):
        r = fns[state['i']]; state['i'] += 1
        return r(st, e) if callable(r) else r
    return f
def prefixed_sts_pvc(st, e):
    parts = []
    s = sts_rows(st, prefix="statefulset.apps/")
    if len(s) > 1: parts.append(table(s))
    p = pvc_rows(st, prefix="persistentvolumeclaim/")
    if len(p) > 1: parts.append(table(p))
    return "\n\n".join(parts) if parts else NORES
write('apply-db-cluster', {
  "kubectl apply -f db-cluster.yaml": seq(APPLIED, "service/db-service unchanged\nstatefulset.apps/db-cluster unchanged"),
  "kubectl get pods": lambda st, e: tbl(pod_table(st)),
  "kubectl get sts": lambda st, e: tbl(sts_rows(st)),
  "kubectl get pvc": lambda st, e: tbl(pvc_rows(st)),
  "kubectl get sts,pvc": prefixed_sts_pvc,
  "kubectl get pods -o wide": lambda st, e: tbl(pod_table(st, wide=True)),
  "kubectl get sts -o wide": lambda st, e: tbl(sts_rows(st, wide=True)),
  "kubectl get svc": lambda st, e: tbl(svc_rows(st)),
  "kubectl get pv": lambda st, e: tbl(pv_rows(st), "No resources found"),
})
write('scale', {
  "kubectl apply -f db-cluster.yaml": APPLIED,
  "kubectl scale sts db-cluster --replicas=5": "statefulset.apps/db-cluster scaled",
  "kubectl scale statefulset/db-cluster --replicas=2": "statefulset.apps/db-cluster scaled",
  "kubectl get pods": lambda st, e: tbl(pod_table(st)),
  "kubectl get sts": lambda st, e: tbl(sts_rows(st)),
  "kubectl get pvc": lambda st, e: tbl(pvc_rows(st)),
})
def claim_of(st, e):
    p = [x for x in pods(st) if x["metadata"]["name"] == "db-cluster-1"]
    if not p: return 'Error from server (NotFound): pods "db-cluster-1" not found'
    return p[0]["spec"]["volumes"][0]["persistentVolumeClaim"]["claimName"]
write('delete-pod', {
  "kubectl apply -f db-cluster.yaml": APPLIED,
  "kubectl get pods -o wide": lambda st, e: tbl(pod_table(st, wide=True)),
  "kubectl get pods": lambda st, e: tbl(pod_table(st)),
  "kubectl delete pod db-cluster-1": 'pod "db-cluster-1" deleted from default namespace',
  "kubectl get pod db-cluster-1 -o jsonpath='{.spec.volumes[0].persistentVolumeClaim.claimName}'": claim_of,
  "kubectl delete pod db-cluster-0 --grace-period=0 --force": "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n" + 'pod "db-cluster-0" force deleted from default namespace',
  "kubectl delete pod db-cluster-7": 'Error from server (NotFound): pods "db-cluster-7" not found',
  "kubectl delete pods -l app=nobody": "No resources found",
})
write('delete-statefulset', {
  "kubectl apply -f db-cluster.yaml": seq(APPLIED, "service/db-service unchanged\nstatefulset.apps/db-cluster created"),
  "kubectl delete sts db-cluster --cascade=orphan": 'statefulset.apps "db-cluster" deleted from default namespace',
  "kubectl get pods": lambda st, e: tbl(pod_table(st)),
  "kubectl get sts": lambda st, e: tbl(sts_rows(st)),
  "kubectl delete -f db-cluster.yaml": 'service "db-service" deleted from default namespace\nstatefulset.apps "db-cluster" deleted from default namespace',
  "kubectl get pvc": lambda st, e: tbl(pvc_rows(st)),
})
def wait_ready_all(st, e):
    return "\n".join("pod/%s condition met" % p["metadata"]["name"] for p in pods(st))
write('wait', {
  "kubectl apply -f db-cluster.yaml": APPLIED,
  "kubectl wait --for=condition=Ready pod/db-cluster-0": 'Error from server (NotFound): pods "db-cluster-0" not found',
  "kubectl wait --for=jsonpath='{.status.readyReplicas}'=3 sts/db-cluster --timeout=2m": "statefulset.apps/db-cluster condition met",
  "kubectl get pods": lambda st, e: tbl(pod_table(st)),
  "kubectl wait --for=condition=Ready pods -l app=database": wait_ready_all,
  "kubectl delete pod db-cluster-1 --wait=false": 'pod "db-cluster-1" deleted from default namespace',
  "kubectl wait --for=delete pod/db-cluster-1 --timeout=60s": "pod/db-cluster-1 condition met",
  "kubectl wait --for=condition=Ready pod/db-cluster-2 --timeout=1s": "pod/db-cluster-2 condition met",
  "kubectl wait --for=condition=Initialized=false pod/db-cluster-0 --timeout=5s": "error: timed out waiting for the condition on pods/db-cluster-0",
  "kubectl wait --for=bogus pod/db-cluster-0": 'error: unrecognized condition: "bogus"',
  "kubectl wait --for=condition=Ready pods -l app=nothing": "error: no matching resources found",
})

# ---- output-formats ---------------------------------------------------------------------------
def labels_str(m):
    return ",".join("%s=%s" % (k, v) for k, v in sorted((m or {}).items())) or "<none>"
def show_labels(st, e):
    rows = [P + ["LABELS"]] + [pod_cells(p, st["now"]) + [labels_str(p["metadata"].get("labels"))] for p in pods(st)]
    return tbl(rows)
def label_cols(st, e):
    rows = [P + ["POD-INDEX", "APP"]] + [pod_cells(p, st["now"]) + [p["metadata"]["labels"].get("apps.kubernetes.io/pod-index", ""), p["metadata"]["labels"].get("app", "")] for p in pods(st)]
    return tbl(rows)
def no_headers(st, e): return table([pod_cells(p, st["now"]) for p in pods(st)])
def sel(st, pred): return tbl([P] + [pod_cells(p, st["now"]) for p in pods(st) if pred(p)])
def sort_ip(st, e):
    ps = sorted(pods(st), key=lambda p: p["status"].get("podIP", ""))
    return tbl([P] + [pod_cells(p, st["now"]) for p in ps])
def svc_yaml(st, e):
    s = [x for x in st["Service"] if x["metadata"]["name"] == "db-service"][0]
    m = s["metadata"]
    return """apiVersion: v1
kind: Service
metadata:
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      {"apiVersion":"v1","kind":"Service","metadata":{"annotations":{},"labels":{"app":"database"},"name":"db-service","namespace":"default"},"spec":{"clusterIP":"None","ports":[{"name":"mysql","port":3306}],"selector":{"app":"database"}}}
  creationTimestamp: "%s"
  labels:
    app: database
  name: db-service
  namespace: default
  resourceVersion: "%s"
  uid: %s
spec:
  clusterIP: None
  clusterIPs:
  - None
  internalTrafficPolicy: Cluster
  ipFamilies:
  - IPv4
  ipFamilyPolicy: SingleStack
  ports:
  - name: mysql
    port: 3306
    protocol: TCP
    targetPort: 3306
  selector:
    app: database
  sessionAffinity: None
  type: ClusterIP
status:
  loadBalancer: {}""" % (m["creationTimestamp"], m["resourceVersion"], m["uid"])
def get_all(st, e):
    parts = [table(pod_table(st, prefix="pod/")), table(svc_rows(st, prefix="service/")), table(sts_rows(st, prefix="statefulset.apps/"))]
    return "\n\n".join(parts)
def nodes(st, e):
    rows = [["NAME","STATUS","ROLES","AGE","VERSION"]]
    for n in st["Node"]:
        roles = sorted(k.split("/", 1)[1] for k in n["metadata"].get("labels", {}) if k.startswith("node-role.kubernetes.io/")) 
        ready = [c for c in n["status"]["conditions"] if c["type"] == "Ready"][0]["status"] == "True"
        rows.append([n["metadata"]["name"], "Ready" if ready else "NotReady", ",".join(roles) or "<none>", age(n, st["now"]), n["status"]["nodeInfo"]["kubeletVersion"]])
    return table(rows)
def scs(st, e):
    rows = [["NAME","PROVISIONER","RECLAIMPOLICY","VOLUMEBINDINGMODE","ALLOWVOLUMEEXPANSION","AGE"]]
    for s in st["StorageClass"]:
        d = s["metadata"].get("annotations", {}).get("storageclass.kubernetes.io/is-default-class") == "true"
        rows.append([s["metadata"]["name"] + (" (default)" if d else ""), s["provisioner"], s.get("reclaimPolicy", "Delete"), s.get("volumeBindingMode", "Immediate"), str(s.get("allowVolumeExpansion", False)).lower(), age(s, st["now"])])
    return table(rows)
def crs(st, e):
    rows = [["NAME","CONTROLLER","REVISION","AGE"]]
    for r in st["ControllerRevision"]:
        o = [x for x in r["metadata"].get("ownerReferences", []) if x.get("controller")]
        ctl = "statefulset.apps/" + o[0]["name"] if o else "<none>"
        rows.append([r["metadata"]["name"], ctl, str(r["revision"]), age(r, st["now"])])
    return tbl(rows)
def nss(st, e): return table([["NAME","STATUS","AGE"]] + [[n["metadata"]["name"], n["status"]["phase"], age(n, st["now"])] for n in st["Namespace"]])
def pod_events(st, e):
    rows = [["LAST SEEN","TYPE","REASON","OBJECT","MESSAGE"]]
    for ev in st["Event"]:
        if ev["involvedObject"]["name"] != "db-cluster-0": continue
        rows.append([human(st["now"] - ts(ev["lastTimestamp"])), ev["type"], ev["reason"], ev["involvedObject"]["kind"].lower() + "/db-cluster-0", ev["message"].strip()])
    return tbl(rows)
def custom(st, e):
    return tbl([["NAME","NODE","CLAIM","REASON"]] + [[p["metadata"]["name"], p["spec"]["nodeName"], p["spec"]["volumes"][0]["persistentVolumeClaim"]["claimName"], p["status"].get("reason") or "<none>"] for p in pods(st)])
write('output-formats', {
  "kubectl apply -f db-cluster.yaml": APPLIED,
  "kubectl get pods --show-labels": show_labels,
  "kubectl get pods -L apps.kubernetes.io/pod-index,app": label_cols,
  "kubectl get pods --no-headers": no_headers,
  "kubectl get pods -o name": lambda st, e: "\n".join("pod/" + p["metadata"]["name"] for p in pods(st)),
  "kubectl get sts,svc -o name": lambda st, e: "\n".join(["statefulset.apps/" + s["metadata"]["name"] for s in st["StatefulSet"]] + ["service/" + s["metadata"]["name"] for s in st["Service"] if s["metadata"]["namespace"] == "default"]),
  """kubectl get pods -o jsonpath='{range .items[*]}{.metadata.name}{"\\t"}{.status.podIP}{"\\n"}{end}'""": lambda st, e: "\n".join("%s\t%s" % (p["metadata"]["name"], p["status"]["podIP"]) for p in pods(st)),
  "kubectl get pods -o jsonpath='{.items[*].spec.nodeName}'": lambda st, e: " ".join(p["spec"]["nodeName"] for p in pods(st)),
  "kubectl get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,CLAIM:.spec.volumes[0].persistentVolumeClaim.claimName,REASON:.status.reason": custom,
  "kubectl get pods -l statefulset.kubernetes.io/pod-name=db-cluster-1": lambda st, e: sel(st, lambda p: p["metadata"]["name"] == "db-cluster-1"),
  "kubectl get pods -l app=other": NORES,
  "kubectl get pods --field-selector spec.nodeName=kind-worker": lambda st, e: sel(st, lambda p: p["spec"].get("nodeName") == "kind-worker"),
  "kubectl get pods --field-selector status.phase!=Running": lambda st, e: sel(st, lambda p: p["status"].get("phase") != "Running"),
  "kubectl get pods --sort-by=.status.podIP": sort_ip,
  "kubectl get svc db-service -o yaml": svc_yaml,
  "kubectl get svc db-service -o jsonpath='{.spec.clusterIP}'": "None",
  "kubectl get all": get_all,
  "kubectl get svc -A": lambda st, e: table(svc_rows(st, ns_col=True)),
  "kubectl get svc -o wide": lambda st, e: table(svc_rows(st, wide=True)),
  "kubectl get nodes": nodes,
  "kubectl get storageclass": scs,
  "kubectl get controllerrevisions": crs,
  "kubectl -n kube-system get pods": lambda st, e: tbl(pod_table(st, items=pods(st, "kube-system")), "No resources found in kube-system namespace."),
  "kubectl get ns": nss,
  "kubectl get events --field-selector involvedObject.name=db-cluster-0": pod_events,
})

# ---- rollout-describe ---------------------------------------------------------------------------
def rollout_msg(s):
    st = s.get("status", {}); gen = s["metadata"].get("generation", 0); obs = st.get("observedGeneration", 0)
    if not st or obs == 0 or gen > obs: return "Waiting for statefulset spec update to be observed...", False
    rep = s["spec"]["replicas"]; ready = st.get("readyReplicas", 0)
    if rep > ready: return "Waiting for %d pods to be ready..." % (rep - ready), False
    ru = s["spec"]["updateStrategy"].get("rollingUpdate"); upd = st.get("updatedReplicas", 0)
    if ru is not None:
        part = ru.get("partition", 0)
        if upd < rep - part: return "Waiting for partitioned roll out to finish: %d out of %d new pods have been updated..." % (upd, rep - part), False
        return "partitioned roll out complete: %d new pods have been updated..." % upd, True
    if st.get("updateRevision") != st.get("currentRevision"):
        return "waiting for statefulset rolling update to complete %d pods at revision %s..." % (upd, st.get("updateRevision")), False
    return "statefulset rolling update complete %d pods at revision %s..." % (st.get("currentReplicas", 0), st.get("currentRevision")), True
def rollout_status(st, e):
    s = st["StatefulSet"][0]
    msg, done = rollout_msg(s); lines = [msg]
    for ev in e["events"]:
        if done: break
        if ev["kind"] != "StatefulSet": continue
        msg, done = rollout_msg(ev["obj"]); lines.append(msg)
    return "\n".join(lines)
def rollout_once(st, e): return rollout_msg(st["StatefulSet"][0])[0]
def history(st, e):
    revs = sorted(st["ControllerRevision"], key=lambda r: r["revision"])
    return "statefulset.apps/db-cluster \n" + "\n".join(["REVISION  CHANGE-CAUSE"] + ["%s%s" % (str(r["revision"]).ljust(10), r["metadata"].get("annotations", {}).get("kubernetes.io/change-cause", "<none>")) for r in revs]) + "\n"
def block(rows, w=None):
    w = w or max(len(k) for k, _ in rows) + 2
    return "\n".join((k.ljust(w) + v) for k, v in rows)
def evtable(rows):
    n = len(rows[0]); ws = [max(len(r[i]) for r in rows) + 2 for i in range(n - 1)]
    return "Events:\n" + "\n".join("  " + "".join(r[i].ljust(ws[i]) for i in range(n - 1)) + r[-1] for r in rows)
def rfc1123(s):
    d = datetime.datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ")
    return d.strftime("%a, %d %b %Y %H:%M:%S +0000")
def ev_rows(st, kind, name, uid):
    evs = [x for x in st["Event"] if x["involvedObject"]["kind"] == kind and x["involvedObject"]["name"] == name and x["involvedObject"].get("uid", uid) == uid]
    evs.sort(key=lambda x: (ts(x["lastTimestamp"]), int(x["metadata"]["name"].rsplit(".", 1)[1], 16)))
    rows = [["Type","Reason","Age","From","Message"],["----","------","----","----","-------"]]
    for x in evs:
        a = human(st["now"] - ts(x["firstTimestamp"]))
        if x["count"] > 1: a = "%s (x%d over %s)" % (human(st["now"] - ts(x["lastTimestamp"])), x["count"], a)
        rows.append([x["type"], x["reason"], a, x["source"]["component"], x["message"].strip()])
    return rows
def describe_sts(st, e):
    s = st["StatefulSet"][0]; now = st["now"]
    ps = [p for p in pods(st) if any(o["uid"] == s["metadata"]["uid"] for o in p["metadata"].get("ownerReferences", []))]
    cnt = lambda ph: sum(1 for p in ps if p["status"].get("phase") == ph)
    c = s["spec"]["template"]["spec"]["containers"][0]; t = s["spec"]["volumeClaimTemplates"][0]
    return "\n".join([
      block([("Name:","db-cluster"),("Namespace:","default"),("CreationTimestamp:",rfc1123(s["metadata"]["creationTimestamp"])),("Selector:","app=database"),("Labels:","<none>"),("Annotations:","<none>"),("Replicas:","%d desired | %d total" % (s["spec"]["replicas"], s["status"]["replicas"])),("Update Strategy:","RollingUpdate"),("  Partition:","0"),("Pods Status:","%d Running / %d Waiting / %d Succeeded / %d Failed" % (cnt("Running"), cnt("Pending"), cnt("Succeeded"), cnt("Failed")))]),
      "Pod Template:", block([("  Labels:","app=database")]), "  Containers:", "   database:",
      block([("    Image:",c["image"]),("    Port:","3306/TCP (mysql)"),("    Host Port:","0/TCP (mysql)"),("    Environment:","<none>")]),
      "    Mounts:", "      /var/lib/database from data-volume (rw)",
      block([("  Volumes:","<none>"),("  Node-Selectors:","<none>"),("  Tolerations:","<none>")]),
      "Volume Claims:",
      block([("  Name:","data-volume"),("  StorageClass:",""),("  Labels:","<none>"),("  Annotations:","<none>"),("  Capacity:","1Gi"),("  Access Modes:","[ReadWriteOnce]")]),
      evtable(ev_rows(st, "StatefulSet", "db-cluster", s["metadata"]["uid"]))])
def describe_pod(st, e):
    p = [x for x in pods(st) if x["metadata"]["name"] == "db-cluster-0"][0]; s = p["status"]; cs = s["containerStatuses"][0]
    labels = ["%s=%s" % kv for kv in sorted(p["metadata"]["labels"].items())]
    tok = [v["name"] for v in p["spec"]["volumes"] if v["name"].startswith("kube-api-access-")][0]
    b1 = [("Name:","db-cluster-0"),("Namespace:","default"),("Priority:","0"),("Service Account:","default"),("Node:","%s/%s" % (p["spec"]["nodeName"], s["hostIP"])),("Start Time:",rfc1123(s["startTime"])),("Labels:",labels[0])] + [("",l) for l in labels[1:]] + [("Annotations:","<none>"),("Status:",s["phase"]),("IP:",s["podIP"])]
    tol = ["%s:%s op=Exists for %ds" % (t["key"], t["effect"], t["tolerationSeconds"]) for t in p["spec"]["tolerations"]]
    return "\n".join([
      block(b1), "IPs:", block([("  IP:",s["podIP"]),("Controlled By:","StatefulSet/db-cluster")]),
      "Containers:", "  database:",
      block([("    Container ID:",cs["containerID"]),("    Image:",p["spec"]["containers"][0]["image"]),("    Image ID:",cs["imageID"]),("    Port:","3306/TCP (mysql)"),("    Host Port:","0/TCP (mysql)"),("    State:","Running"),("      Started:",rfc1123(cs["state"]["running"]["startedAt"])),("    Ready:","True"),("    Restart Count:",str(cs["restartCount"])),("    Environment:","<none>")]),
      "    Mounts:", "      /var/lib/database from data-volume (rw)", "      /var/run/secrets/kubernetes.io/serviceaccount from %s (ro)" % tok,
      "Conditions:", block([("  Type","Status")] + [("  %s " % c["type"], c["status"] + " ") for c in s["conditions"]]),
      "Volumes:", "  data-volume:",
      block([("    Type:","PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)"),("    ClaimName:","data-volume-db-cluster-0"),("    ReadOnly:","false")]),
      "  %s:" % tok,
      block([("    Type:","Projected (a volume that contains injected data from multiple sources)"),("    TokenExpirationSeconds:","3607"),("    ConfigMapName:","kube-root-ca.crt"),("    Optional:","false"),("    DownwardAPI:","true"),("QoS Class:",s.get("qosClass","BestEffort")),("Node-Selectors:","<none>"),("Tolerations:",tol[0])] + [("",t) for t in tol[1:]]),
      evtable(ev_rows(st, "Pod", "db-cluster-0", p["metadata"]["uid"]))])
W1 = None
write('rollout-describe', {
  "kubectl apply -f db-cluster.yaml": APPLIED,
  "kubectl rollout status statefulset/db-cluster": rollout_status,
  "kubectl rollout status sts/db-cluster": rollout_status,
  "kubectl get pods": lambda st, e: tbl(pod_table(st)),
  "kubectl rollout history sts/db-cluster": history,
  "kubectl describe sts db-cluster": describe_sts,
  "kubectl describe pod db-cluster-0": describe_pod,
  "kubectl rollout restart sts/db-cluster": "statefulset.apps/db-cluster restarted",
  "kubectl get controllerrevisions": crs,
  "kubectl rollout undo sts/db-cluster --to-revision=5": "error: unable to find specified revision 5 in history",
  "kubectl rollout undo sts/db-cluster": "statefulset.apps/db-cluster rolled back",
  "kubectl rollout status sts/db-cluster --watch=false": lambda st, e: "Waiting for statefulset spec update to be observed...",
  "kubectl rollout pause sts/db-cluster": 'error: statefulsets.apps "db-cluster" pausing is not supported',
})

# ---- watch ---------------------------------------------------------------------------------------
def watch(st, e):
    widths = []
    out = []
    def flush(rows):
        nonlocal widths
        n = max(len(r) for r in rows)
        for i in range(n - 1):
            w = max(6, max(len(r[i]) for r in rows) + 3)
            if i < len(widths): widths[i] = max(widths[i], w)
            else: widths.append(w)
        for r in rows: out.append("".join(c.ljust(widths[i]) for i, c in enumerate(r[:-1])) + r[-1])
    first = [pod_cells(p, st["now"]) for p in pods(st)]
    header_done = False
    if first: flush([P] + first); header_done = True
    for ev in e["events"]:
        if ev["kind"] != "Pod" or ev["obj"]["metadata"].get("namespace") != "default": continue
        row = pod_cells(ev["obj"], ev["t"])
        if not header_done: flush([P, row]); header_done = True
        else: flush([row])
    return "\n".join(out)
write('watch', {
  "kubectl apply -f db-cluster.yaml": APPLIED,
  "kubectl get pods -w": watch,
  "kubectl scale sts db-cluster --replicas=2": "statefulset.apps/db-cluster scaled",
})

# ---- exec-run and shell (commands inside containers, the shell language) ----------------------
def pod_named(st, name):
    return next(p for p in pods(st) if p["metadata"]["name"] == name)
def hostnames(st, e):
    # spec.hostname is what `hostname` prints inside a StatefulSet pod
    return "\n".join(pod_named(st, "db-cluster-%d" % i)["spec"]["hostname"] for i in range(3))
# kubectl 1.35 attach.go prints both lines when it attaches (not --quiet)
ATTACH = ("All commands and output from this session will be recorded in container logs, including credentials and sensitive information passed through the command prompt.\n"
          "If you don't see a command prompt, try pressing enter.")
# attach.go reattachMessage (1.35): printed to stdout after a session with stdin on a terminal
# (not --quiet), for every restart policy, before run.go waits for the pod and deletes it (--rm)
def session_ended(name, ns="default"):
    return "Session ended, resume using 'kubectl attach %s -c %s -n %s -i -t' command" % (name, name, ns)
DNS_HEAD = "Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n"
def nslookup_pod(st, e):
    p = pod_named(st, "db-cluster-1")
    fqdn = "%s.%s.default.svc.cluster.local" % (p["spec"]["hostname"], p["spec"]["subdomain"])
    return (ATTACH + "\n" + DNS_HEAD +
            "\nName:      db-cluster-1.db-service\nAddress 1: %s %s\n" % (p["status"]["podIP"], fqdn) +
            session_ended("dns-test") + "\n" +
            'pod "dns-test" deleted from default namespace')
write('exec-run', {
  "kubectl apply -f db-cluster.yaml": APPLIED,
  """for i in 0 1 2; do kubectl exec "db-cluster-$i" -- hostname; done""": hostnames,
  """kubectl exec db-cluster-0 -- sh -c 'echo "written by $(hostname)" > /var/lib/database/note.txt'""": None,
  "kubectl exec db-cluster-0 -- sh -c 'echo scratch > /tmp/scratch.txt; cat /tmp/scratch.txt'": "scratch",
  "kubectl delete pod db-cluster-0": 'pod "db-cluster-0" deleted from default namespace',
  "kubectl wait --for=condition=Ready pod/db-cluster-0": "pod/db-cluster-0 condition met",
  "kubectl exec db-cluster-0 -- cat /var/lib/database/note.txt": "written by db-cluster-0",
  "kubectl exec db-cluster-0 -- cat /tmp/scratch.txt": "cat: /tmp/scratch.txt: No such file or directory\ncommand terminated with exit code 1",
  "kubectl exec db-cluster-0 -- ls /var/lib/database": "note.txt",
  "kubectl exec nope -- hostname": 'Error from server (NotFound): pods "nope" not found',
  "kubectl exec db-cluster-1 hostname": "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples",
  "kubectl exec db-cluster-1 -- mysqlx": 'OCI runtime exec failed: exec failed: unable to start container process: exec: "mysqlx": executable file not found in $PATH: unknown\ncommand terminated with exit code 126',
  "kubectl run -i --tty --image busybox:1.28 dns-test --restart=Never --rm -- nslookup db-cluster-1.db-service": nslookup_pod,
  "kubectl run -i --tty --image busybox:1.28 dns-test --restart=Never --rm": ATTACH,
  "hostname": "dns-test",
  "nslookup db-cluster-9.db-service": DNS_HEAD + "\nnslookup: can't resolve 'db-cluster-9.db-service'",
  "exit 0": session_ended("dns-test") + '\npod "dns-test" deleted from default namespace',
  "kubectl get pods": lambda st, e: tbl(pod_table(st)),
})
def events_for(st, e):
    # kubectl events: sorted by last time seen (stable), OBJECT = Kind/name, table like get
    evs = [x for x in st["Event"] if x["involvedObject"]["kind"] == "Pod" and x["involvedObject"]["name"] == "db-cluster-2"]
    evs = sorted(enumerate(evs), key=lambda ix: (ts(ix[1]["lastTimestamp"]), ix[0]))
    rows = [["LAST SEEN","TYPE","REASON","OBJECT","MESSAGE"]]
    for _, x in evs:
        a = human(st["now"] - ts(x["firstTimestamp"]))
        if x["count"] > 1: a = "%s (x%d over %s)" % (human(st["now"] - ts(x["lastTimestamp"])), x["count"], a)
        rows.append([a, x["type"], x["reason"], "Pod/db-cluster-2", x["message"].strip()])
    return table(rows)
write('shell', {
  "kubectl events": "No events found in default namespace.",
  "kubectl apply -f db-cluster.yaml": APPLIED,
  "kubectl get pods -o name | grep -v db-cluster-1 | sort -r": lambda st, e: "\n".join("pod/" + p["metadata"]["name"] for p in sorted(pods(st), key=lambda p: p["metadata"]["name"], reverse=True) if p["metadata"]["name"] != "db-cluster-1"),
  "kubectl get pods --no-headers | wc -l": lambda st, e: str(len(pods(st))),
  """n=$(kubectl get pods -o name | wc -l); echo "pods: $n\"""": lambda st, e: "pods: %d" % len(pods(st)),
  "cat <<EOF | kubectl apply -f -": None,
  "EOF": "service/nginx created",
  "kubectl get svc nginx -o jsonpath='{.spec.clusterIP}'; echo": "None",
  "kubectl label pods db-cluster-0 tier=db": "pod/db-cluster-0 labeled",
  "kubectl label pods db-cluster-0 tier=cache": "error: 'tier' already has a value (db), and --overwrite is false",
  "kubectl label pods db-cluster-0 tier=cache --overwrite": "pod/db-cluster-0 labeled",
  "kubectl get pods -l tier=cache -o name": "pod/db-cluster-0",
  "kubectl label pods db-cluster-0 tier-": "pod/db-cluster-0 unlabeled",
  "kubectl annotate sts db-cluster team=storage": "statefulset.apps/db-cluster annotated",
  "kubectl events --for pod/db-cluster-2": events_for,
  "foo": "foo: command not found",
})

# ---- statefulset-basics (the kubernetes.io tutorial against web.yaml) -----------------------------
def nginx(o): return o["metadata"].get("labels", {}).get("app") == "nginx"
def web_pods(st): return [p for p in pods(st) if nginx(p)]
def label_watch(st, e):
    # kubectl get pods -w -l app=nginx: initial list, then one row per event of a matching Pod;
    # widths only grow (RememberWidths), the header is printed once.
    widths = []
    out = []
    def flush(rows):
        nonlocal widths
        for i in range(max(len(r) for r in rows) - 1):
            w = max(6, max(len(r[i]) for r in rows) + 3)
            if i < len(widths): widths[i] = max(widths[i], w)
            else: widths.append(w)
        for r in rows: out.append("".join(c.ljust(widths[i]) for i, c in enumerate(r[:-1])) + r[-1])
    first = [pod_cells(p, st["now"]) for p in web_pods(st)]
    header_done = False
    if first: flush([P] + first); header_done = True
    for ev in e["events"]:
        o = ev["obj"]
        if ev["kind"] != "Pod" or o["metadata"].get("namespace") != "default" or not nginx(o): continue
        row = pod_cells(o, ev["t"])
        if not header_done: flush([P, row]); header_done = True
        else: flush([row])
    return "\n".join(out)
def web_hostnames(n):
    return lambda st, e: "\n".join(pod_named(st, "web-%d" % i)["spec"]["hostname"] for i in range(n))
def web_nslookup(name):
    def f(st, e):
        p = pod_named(st, name)
        fqdn = "%s.%s.default.svc.cluster.local" % (p["spec"]["hostname"], p["spec"]["subdomain"])
        return DNS_HEAD + "\nName:      %s.nginx\nAddress 1: %s %s" % (name, p["status"]["podIP"], fqdn)
    return f
def on_delete_rejected(st, e):
    # validation.go ValidateStatefulSetSpec: OnDelete with a rollingUpdate block is Invalid; the
    # strategic merge patch kept the stored (defaulted) block (apps/v1 updateStrategy has no
    # retainKeys). KNOWN GAP, kept in step with the simulator until its owner changes
    # src/sim/api/validation.ts and tests/sim: apimachinery >= 1.34 json.Marshals the INTERNAL
    # apps.RollingUpdateStatefulSetStrategy, which has no json tags, so a real 1.35 server prints
    # {"Partition":0,"MaxUnavailable":null}; the simulator prints the v1 object {"partition":0}.
    s = next(x for x in st["StatefulSet"] if x["metadata"]["name"] == "web")
    ru = s["spec"]["updateStrategy"]["rollingUpdate"]
    return ('The StatefulSet "web" is invalid: spec.updateStrategy.rollingUpdate: Invalid value: '
            '%s: only allowed for updateStrategy \'RollingUpdate\'' % json.dumps(ru, separators=(",", ":")))
def deleted_pvcs(st, e):
    names = e["line"].split()[3:]
    return "\n".join('persistentvolumeclaim "%s" deleted from default namespace' % n for n in names)
def deleted_web(st, e):
    return "\n".join('pod "%s" deleted from default namespace' % p["metadata"]["name"] for p in sorted(web_pods(st), key=lambda p: p["metadata"]["name"]))
def nginx_pvcs(st, e):
    sub = dict(st); sub["PersistentVolumeClaim"] = [c for c in st["PersistentVolumeClaim"] if nginx(c)]
    return tbl(pvc_rows(sub))
def image_of(st, name): return "".join(c["image"] for c in pod_named(st, name)["spec"]["containers"])
def images(n): return lambda st, e: "\n".join(image_of(st, "web-%d" % i) for i in range(n))
def one_image(name): return lambda st, e: image_of(st, name)
def web_rollout(st, e):
    s = next(x for x in st["StatefulSet"] if x["metadata"]["name"] == "web")
    msg, done = rollout_msg(s); lines = [msg]
    for ev in e["events"]:
        if done: break
        if ev["kind"] != "StatefulSet": continue
        msg, done = rollout_msg(ev["obj"]); lines.append(msg)
    return "\n".join(lines)
def web_pod_table(st, e): return tbl([P] + [pod_cells(p, st["now"]) for p in web_pods(st)])
PATCHED = "statefulset.apps/web patched"
TEMPLATE = "{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}"
write('statefulset-basics', {
  "kubectl apply -f https://k8s.io/examples/application/web/web.yaml": seq("service/nginx created\nstatefulset.apps/web created", "service/nginx unchanged\nstatefulset.apps/web created", "service/nginx created\nstatefulset.apps/web created"),
  "kubectl apply -f https://k8s.io/examples/application/web/web-parallel.yaml": "service/nginx created\nstatefulset.apps/web created",
  "kubectl scale statefulset/web --replicas=5": "statefulset.apps/web scaled",
  "kubectl delete sts web": 'statefulset.apps "web" deleted from default namespace',
  "kubectl delete svc nginx": 'service "nginx" deleted from default namespace',
  "kubectl get service nginx": lambda st, e: table([S] + [r for r in svc_rows(st)[1:] if r[0] == "nginx"]),
  "kubectl get statefulset web": lambda st, e: table([sts_rows(st)[0]] + [r for r in sts_rows(st)[1:] if r[0] == "web"]),
  "kubectl get pods --watch -l app=nginx": label_watch,
  "kubectl get pod --watch -l app=nginx": label_watch,
  "kubectl get pod -l app=nginx --watch": label_watch,
  "kubectl get pods -l app=nginx": web_pod_table,
  """for i in 0 1; do kubectl exec "web-$i" -- sh -c 'hostname'; done""": web_hostnames(2),
  """for i in 0 1; do kubectl exec web-$i -- sh -c 'hostname'; done""": web_hostnames(2),
  "kubectl run -i --tty --image busybox:1.28 dns-test --restart=Never --rm": ATTACH,
  "nslookup web-0.nginx": web_nslookup("web-0"),
  "nslookup web-1.nginx": web_nslookup("web-1"),
  "exit": session_ended("dns-test") + '\npod "dns-test" deleted from default namespace',
  "kubectl delete pod -l app=nginx": deleted_web,
  "kubectl get pvc -l app=nginx": nginx_pvcs,
  """for i in 0 1; do kubectl exec "web-$i" -- sh -c 'echo "$(hostname)" > /usr/share/nginx/html/index.html'; done""": None,
  # nginx serves the file each pod wrote: its own hostname and a newline
  """for i in 0 1; do kubectl exec -i -t "web-$i" -- curl http://localhost/; done""": web_hostnames(2),
  "kubectl scale sts web --replicas=5": "statefulset.apps/web scaled",
  """kubectl patch sts web -p '{"spec":{"replicas":3}}'""": PATCHED,
  """kubectl patch statefulset web --type='json' -p='[{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value":"registry.k8s.io/nginx-slim:0.24"}]'""": PATCHED,
  """kubectl patch statefulset web --type='json' -p='[{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value":"registry.k8s.io/nginx-slim:0.21"}]'""": PATCHED,
  """for p in 0 1 2; do kubectl get pod "web-$p" --template '%s'; echo; done""" % TEMPLATE: images(3),
  "kubectl get pod web-2 --template '%s'" % TEMPLATE: one_image("web-2"),
  "kubectl get pod web-1 --template '%s'" % TEMPLATE: one_image("web-1"),
  """kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"OnDelete"}}}'""": on_delete_rejected,
  """kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"OnDelete","rollingUpdate":null}}}'""": PATCHED,
  "kubectl get pvc": lambda st, e: tbl(pvc_rows(st)),
  "kubectl get pv": lambda st, e: tbl(pv_rows(st), "No resources found"),
  "kubectl delete pvc www-web-0 www-web-1 www-web-2 www-web-3 www-web-4": deleted_pvcs,
  "kubectl rollout status sts/web": web_rollout,
  """kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":3}}}}'""": PATCHED,
  """kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":2}}}}'""": PATCHED,
  """kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":0}}}}'""": PATCHED,
  "kubectl delete pod web-2": 'pod "web-2" deleted from default namespace',
  "kubectl delete pod web-1": 'pod "web-1" deleted from default namespace',
  "kubectl delete pod web-0": 'pod "web-0" deleted from default namespace',
  "kubectl delete statefulset web --cascade=orphan": 'statefulset.apps "web" deleted from default namespace',
  "kubectl delete statefulset web": 'statefulset.apps "web" deleted from default namespace',
  "kubectl delete service nginx": 'service "nginx" deleted from default namespace',
})

# ---- nodes-edit-describe (cordon/drain, edit without an editor, go-template, describe) ----------
def node_rows(st, e):
    # printers.go printNode: Ready/NotReady, plus SchedulingDisabled when spec.unschedulable
    rows = [["NAME","STATUS","ROLES","AGE","VERSION"]]
    for n in st["Node"]:
        roles = sorted(k.split("/", 1)[1] for k in n["metadata"].get("labels", {}) if k.startswith("node-role.kubernetes.io/"))
        ready = [c for c in n["status"]["conditions"] if c["type"] == "Ready"][0]["status"] == "True"
        status = "Ready" if ready else "NotReady"
        if n["spec"].get("unschedulable"): status += ",SchedulingDisabled"
        rows.append([n["metadata"]["name"], status, ",".join(roles) or "<none>", age(n, st["now"]), n["status"]["nodeInfo"]["kubeletVersion"]])
    return table(rows)
def drain_worker(st, e):
    # already cordoned; pods on the node in namespace/name order: "evicting pod" each, then
    # "pod/<name> evicted" as each is gone, then the node line (drain.go, pkg/drain)
    on = sorted((p for p in st["Pod"] if p["spec"].get("nodeName") == "kind-worker"), key=lambda p: (p["metadata"]["namespace"], p["metadata"]["name"]))
    lines = ["node/kind-worker already cordoned"]
    lines += ["evicting pod %s/%s" % (p["metadata"]["namespace"], p["metadata"]["name"]) for p in on]
    lines += ["pod/%s evicted" % p["metadata"]["name"] for p in on]
    return "\n".join(lines + ["node/kind-worker drained"])
def names_nodes(st, e):
    return "\n".join("%s %s" % (p["metadata"]["name"], p["spec"].get("nodeName", "<no value>")) for p in sorted(pods(st), key=lambda p: p["metadata"]["name"]))
def replicas_ready(st, e):
    s = next(x for x in st["StatefulSet"] if x["metadata"]["name"] == "web")
    return "%d/%d" % (s["spec"]["replicas"], s["status"]["readyReplicas"])
def describe_svc(st, e):
    s = next(x for x in st["Service"] if x["metadata"]["name"] == "nginx")
    sl = [x for x in st.get("EndpointSlice", []) if x["metadata"].get("labels", {}).get("kubernetes.io/service-name") == "nginx"]
    port = s["spec"]["ports"][0]
    eps = []
    for x in sl:
        for pt in x.get("ports", []):
            if pt.get("name", "") == port["name"]:
                eps += ["%s:%d" % (ep["addresses"][0], pt["port"]) for ep in x["endpoints"]]
    ep_text = "<none>" if not sl else (",".join(eps[:3]) + (" + %d more..." % (len(eps) - 3) if len(eps) > 3 else ""))
    return block([("Name:","nginx"),("Namespace:","default"),("Labels:","app=nginx"),("Annotations:","<none>"),("Selector:","app=nginx"),("Type:","ClusterIP"),("IP Family Policy:","SingleStack"),("IP Families:","IPv4"),("IP:","None"),("IPs:","None"),("Port:","web  80/TCP"),("TargetPort:","80/TCP"),("Endpoints:",ep_text),("Session Affinity:","None"),("Internal Traffic Policy:","Cluster"),("Events:","<none>")])
def describe_pvc(st, e):
    c = next(x for x in st["PersistentVolumeClaim"] if x["metadata"]["name"] == "www-web-1")
    ann = ["%s: %s" % kv for kv in sorted(c["metadata"].get("annotations", {}).items())]
    users = sorted(p["metadata"]["name"] for p in pods(st) if any(v.get("persistentVolumeClaim", {}).get("claimName") == "www-web-1" for v in p["spec"].get("volumes", [])))
    rows = [("Name:","www-web-1"),("Namespace:","default"),("StorageClass:",c["spec"]["storageClassName"]),("Status:",c["status"]["phase"]),("Volume:",c["spec"]["volumeName"]),("Labels:","app=nginx"),("Annotations:",ann[0])] + [("",a) for a in ann[1:]]
    rows += [("Finalizers:","[%s]" % " ".join(c["metadata"].get("finalizers", []))),("Capacity:",c["status"]["capacity"]["storage"]),("Access Modes:",modes(c["status"]["accessModes"])),("VolumeMode:",c["spec"]["volumeMode"]),("Used By:",users[0] if users else "<none>")] + [("",u) for u in users[1:]]
    return block(rows) + "\n" + evtable(ev_rows(st, "PersistentVolumeClaim", "www-web-1", c["metadata"]["uid"]))
write('nodes-edit-describe', {
  "kubectl apply -f web.yaml": "service/nginx created\nstatefulset.apps/web created",
  "kubectl rollout status sts/web": web_rollout,
  "kubectl cordon kind-worker": seq("node/kind-worker cordoned", "node/kind-worker already cordoned"),
  "kubectl get nodes": node_rows,
  "kubectl drain kind-worker --ignore-daemonsets --delete-emptydir-data --force": drain_worker,
  "kubectl get pods -o wide": lambda st, e: tbl(pod_table(st, wide=True)),
  "kubectl uncordon kind-worker": seq("node/kind-worker uncordoned", "node/kind-worker already uncordoned"),
  "kubectl wait --for=condition=Ready pod/web-0": "pod/web-0 condition met",
  "kubectl drain nope": 'Error from server (NotFound): nodes "nope" not found',
  "kubectl cordon": "error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples",
  # editor.go: no KUBE_EDITOR/EDITOR, so kubectl tries `vi`, which this runner does not have
  "kubectl edit sts web": 'error: unable to launch the editor "vi"',
  "kubectl edit sts nope": 'Error from server (NotFound): statefulsets.apps "nope" not found',
  """kubectl get pods -o go-template='{{range .items}}{{.metadata.name}} {{.spec.nodeName}}{{"\\n"}}{{end}}'""": names_nodes,
  "kubectl get sts web --template='{{.spec.replicas}}/{{.status.readyReplicas}}'": replicas_ready,
  "kubectl describe svc nginx": describe_svc,
  "kubectl describe pvc www-web-1": describe_pvc,
})

# ---- pdb-drain (PodDisruptionBudgets, the Eviction API, cordon taints) ---------------------------
def gojson(v):
    # Go json.Marshal of decoded JSON: sorted keys, no spaces, HTML characters escaped
    return json.dumps(v, sort_keys=True, separators=(",", ":")).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
def pdb_cells(b, now):
    # printers.go printPodDisruptionBudget: unset bounds print N/A
    s = b["spec"]
    return [b["metadata"]["name"], str(s["minAvailable"]) if "minAvailable" in s else "N/A",
            str(s["maxUnavailable"]) if "maxUnavailable" in s else "N/A",
            str(b.get("status", {}).get("disruptionsAllowed", 0)), age(b, now)]
PDB = ["NAME","MIN AVAILABLE","MAX UNAVAILABLE","ALLOWED DISRUPTIONS","AGE"]
def pdbs(st, e): return tbl([PDB] + [pdb_cells(b, st["now"]) for b in st["PodDisruptionBudget"]])
def pdb_status(st, e):
    s = next(b for b in st["PodDisruptionBudget"] if b["metadata"]["name"] == "web-pdb")["status"]
    c = s["conditions"][0]
    if "expectedPods" in e["line"]:
        return "%d %d %d %d %s=%s/%s" % (s["currentHealthy"], s["desiredHealthy"], s["expectedPods"], s["disruptionsAllowed"], c["type"], c["status"], c["reason"])
    return "%d %d %d %s/%s" % (s["currentHealthy"], s["desiredHealthy"], s["disruptionsAllowed"], c["status"], c["reason"])
def node_taints(st, e):
    # jsonpath with missing keys allowed: an absent field prints nothing; lists print as Go JSON
    n = next(x for x in st["Node"] if x["metadata"]["name"] == "kind-worker")["spec"]
    unsched = "true" if n.get("unschedulable") else ""
    return "unschedulable=%s taints=%s" % (unsched, gojson(n["taints"]) if "taints" in n else "")
def drain_with_budget(st, e):
    # pkg/drain evictPods: each attempt prints "evicting pod"; a budget with no disruption left
    # answers 429 and kubectl retries after 5 s. Nothing else is pending in the simulation, so the
    # retry fails the same way and the runner ends the drain there (idle + 5 virtual seconds).
    on = sorted((p for p in st["Pod"] if p["spec"].get("nodeName") == "kind-worker"), key=lambda p: p["metadata"]["name"])
    budget = st["PodDisruptionBudget"][0]["status"]
    lines = ["node/kind-worker already cordoned"]
    if budget["disruptionsAllowed"] >= len(on):
        lines += ["evicting pod default/%s" % p["metadata"]["name"] for p in on]
        lines += ["pod/%s evicted" % p["metadata"]["name"] for p in on]
        return "\n".join(lines + ["node/kind-worker drained"])
    for _ in range(2):
        for p in on:
            lines.append("evicting pod default/%s" % p["metadata"]["name"])
            lines.append('error when evicting pods/"%s" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod\'s disruption budget.' % p["metadata"]["name"])
    return "\n".join(lines)
write('pdb-drain', {
  "kubectl apply -f web.yaml": "service/nginx created\nstatefulset.apps/web created",
  "kubectl scale sts web --replicas=3": "statefulset.apps/web scaled",
  "kubectl rollout status sts/web": web_rollout,
  "kubectl apply -f web-pdb.yaml": "poddisruptionbudget.policy/web-pdb created",
  "kubectl get pdb": pdbs,
  "kubectl get poddisruptionbudgets web-pdb": pdbs,
  "kubectl get pdb web-pdb -o jsonpath='{.status.currentHealthy} {.status.desiredHealthy} {.status.expectedPods} {.status.disruptionsAllowed} {.status.conditions[0].type}={.status.conditions[0].status}/{.status.conditions[0].reason}'": pdb_status,
  "kubectl get pdb web-pdb -o jsonpath='{.status.currentHealthy} {.status.desiredHealthy} {.status.disruptionsAllowed} {.status.conditions[0].status}/{.status.conditions[0].reason}'": pdb_status,
  "kubectl cordon kind-worker": "node/kind-worker cordoned",
  "kubectl uncordon kind-worker": "node/kind-worker uncordoned",
  "kubectl get node kind-worker -o jsonpath='unschedulable={.spec.unschedulable} taints={.spec.taints}'": node_taints,
  "kubectl drain kind-worker --ignore-daemonsets": drain_with_budget,
  "kubectl get pods -l app=nginx": web_pod_table,
  """kubectl patch pdb web-pdb --type=merge -p '{"spec":{"minAvailable":2}}'""": "poddisruptionbudget.policy/web-pdb patched",
  # policy validation ValidatePodDisruptionBudgetSpec; the value is the internal spec struct
  # json.Marshal'ed without tags (field order MinAvailable, Selector, MaxUnavailable, policy)
  "kubectl apply -f pdb-both.yaml": 'The PodDisruptionBudget "both" is invalid: spec: Invalid value: {"MinAvailable":1,"Selector":{"matchLabels":{"app":"nginx"}},"MaxUnavailable":"50%","UnhealthyPodEvictionPolicy":null}: minAvailable and maxUnavailable cannot be both set',
  "kubectl delete pdb web-pdb": 'poddisruptionbudget.policy "web-pdb" deleted from default namespace',
})
