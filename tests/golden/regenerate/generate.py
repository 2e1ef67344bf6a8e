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
        check_nominations(entry)
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
    for r in default_crs(st):
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
    revs = sorted(default_crs(st), key=lambda r: r["revision"])
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
# attach.go reattachMessage (kubectl release-1.35): printed to stdout after a session with stdin on
# a raw terminal (not --quiet) ONLY when the pod's restartPolicy is Always (1.36 drops that
# condition and adds "-n NS"), before run.go's deferred --rm delete. Returns the line with its
# newline, or nothing.
def session_ended(name, policy):
    if policy != "Always":
        return ""
    return "Session ended, resume using 'kubectl attach %s -c %s -i -t' command when the pod is running\n" % (name, name)
DNS_HEAD = "Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n"
def nslookup_pod(st, e):
    p = pod_named(st, "db-cluster-1")
    fqdn = "%s.%s.default.svc.cluster.local" % (p["spec"]["hostname"], p["spec"]["subdomain"])
    return (ATTACH + "\n" + DNS_HEAD +
            "\nName:      db-cluster-1.db-service\nAddress 1: %s %s\n" % (p["status"]["podIP"], fqdn) +
            session_ended("dns-test", "Never") +
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
  "exit 0": session_ended("dns-test", "Never") + 'pod "dns-test" deleted from default namespace',
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
    # retainKeys). apimachinery >= 1.34 (kubernetes#132314, field/errors.go ErrorBody) renders a
    # non-scalar bad value with json.Marshal, and validation runs on the INTERNAL
    # apps.RollingUpdateStatefulSetStrategy (pkg/apis/apps/types.go: Partition int32,
    # MaxUnavailable *intstr.IntOrString, no json tags), so the keys are Go field names in
    # declaration order and a nil v1 partition converts to 0.
    s = next(x for x in st["StatefulSet"] if x["metadata"]["name"] == "web")
    ru = s["spec"]["updateStrategy"]["rollingUpdate"]
    internal = '{"Partition":%d,"MaxUnavailable":%s}' % (
        ru.get("partition", 0), json.dumps(ru.get("maxUnavailable"), separators=(",", ":")))
    return ('The StatefulSet "web" is invalid: spec.updateStrategy.rollingUpdate: Invalid value: '
            '%s: only allowed for updateStrategy \'RollingUpdate\'' % internal)
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
  "exit": session_ended("dns-test", "Never") + 'pod "dns-test" deleted from default namespace',
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
    # already cordoned; the warning about the DaemonSet pods drain leaves (pkg/drain filters);
    # pods on the node in namespace/name order: "evicting pod" each, then
    # "pod/<name> evicted" as each is gone, then the node line (drain.go, pkg/drain)
    on, warning, _ = drain_filter(st, "kind-worker", True)
    lines = ["node/kind-worker already cordoned"] + ([warning] if warning else [])
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
    on, warning, _ = drain_filter(st, "kind-worker", True)
    budget = st["PodDisruptionBudget"][0]["status"]
    lines = ["node/kind-worker already cordoned"] + ([warning] if warning else [])
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

# kubectl attach (release-1.35 attach.go): ATTACH lines before attaching, the reattach line after
# a session for restartPolicy Always (run.go then returns without waiting); the kubelet restarts
# the exited container; FindOrDefaultContainerByName's error wrapped as "cannot attach to the
# container: ...".
def shell_lastrun(st, e):
    cs = pod_named(st, "shell")["status"]["containerStatuses"][0]
    t = cs["lastState"]["terminated"]
    return "%s %d" % (t["reason"], t["exitCode"])
write('attach', {
  "kubectl run -it --image busybox:1.28 shell -- sh": ATTACH,
  "hostname": "shell",
  "exit": session_ended("shell", "Always").rstrip("\n"),
  "kubectl get pods": lambda st, e: tbl(pod_table(st)),
  """kubectl get pod shell -o jsonpath='{.status.containerStatuses[0].lastState.terminated.reason} {.status.containerStatuses[0].lastState.terminated.exitCode}'""": shell_lastrun,
  "kubectl attach shell -c shell -i -t": ATTACH,
  "exit 3": session_ended("shell", "Always").rstrip("\n"),
  "kubectl attach nope": 'Error from server (NotFound): pods "nope" not found',
  "kubectl attach shell -c nope": "error: cannot attach to the container: container nope not found in pod shell",
})

# ---- set-image (kubectl set image, rollout history --revision) -----------------------------------
# set_image.go: each NAME=IMAGE sets the containers and init containers of that name; a name that
# matches none is an error ('error: unable to find container named "x"', %q). An object whose
# images do not change gives an empty patch and prints nothing; a changed one prints the name
# printer's "statefulset.apps/<name> image updated" (+ " (dry run)"). Errors are printed by
# checkErr after the objects: one bare, several one per line (MultipleErrors).
def set_image(st, e):
    words = e["line"].split()[3:]
    dry = " (dry run)" if "--dry-run=client" in words else ""
    words = [w for w in words if not w.startswith("--")]
    pairs = [w for w in words if "=" in w and not w.startswith("=")]
    name = [w for w in words if w not in pairs][-1].split("/")[-1]
    s = next(x for x in st["StatefulSet"] if x["metadata"]["name"] == name)
    spec = s["spec"]["template"]["spec"]
    cs = spec["containers"] + spec.get("initContainers", [])
    changed = False; errs = []
    for p in pairs:
        cname, image = p.split("=", 1)
        hit = [c for c in cs if c["name"] == cname or cname == "*"]
        if not hit: errs.append('error: unable to find container named "%s"' % cname)
        changed = changed or any(c["image"] != image for c in hit)
    lines = (["statefulset.apps/%s image updated%s" % (name, dry)] if changed else []) + errs
    return "\n".join(lines) if lines else None
def pod_images(st, e):
    return "\n".join("%s\t%s" % (p["metadata"]["name"], p["spec"]["containers"][0]["image"]) for p in pods(st))
def revision_template(st, e):
    # history.go printTemplate: describe.DescribePodTemplate into a bytes.Buffer through a plain
    # PrefixWriter (two spaces per level, no tabwriter, so "Key:\tvalue" keeps its tab); the name
    # printer prints "statefulset.apps/db-cluster with revision #N" + "\n" + that text + "\n".
    n = int(e["line"].rsplit("=", 1)[1])
    rev = next(r for r in default_crs(st) if r["revision"] == n)
    t = rev["data"]["spec"]["template"]
    def kv(m): return ["%s=%s" % x for x in sorted((m or {}).items())] or ["<none>"]
    out = ["statefulset.apps/db-cluster with revision #%d" % n, "Pod Template:"]
    labels = kv(t["metadata"].get("labels"))
    out += ["  Labels:\t" + labels[0]] + ["\t" + l for l in labels[1:]]
    out.append("  Containers:")
    for c in t["spec"]["containers"]:
        ports = ["%d/%s%s" % (p["containerPort"], p.get("protocol", "TCP"), " (%s)" % p["name"] if p.get("name") else "") for p in c.get("ports", [])]
        hosts = ["%d/%s%s" % (p.get("hostPort", 0), p.get("protocol", "TCP"), " (%s)" % p["name"] if p.get("name") else "") for p in c.get("ports", [])]
        out += ["   %s:" % c["name"], "    Image:\t" + c["image"],
                ("    Ports:\t" if len(ports) > 1 else "    Port:\t") + (", ".join(ports) or "<none>"),
                ("    Host Ports:\t" if len(hosts) > 1 else "    Host Port:\t") + (", ".join(hosts) or "<none>")]
        env = c.get("env", [])
        out += ["    Environment:" + ("" if env else "\t<none>")] + ["      %s:\t%s" % (v["name"], v.get("value", "")) for v in env]
        mounts = sorted(c.get("volumeMounts", []), key=lambda m: m["mountPath"])
        out += ["    Mounts:" + ("" if mounts else "\t<none>")] + ["      %s from %s (%s)" % (m["mountPath"], m["name"], "ro" if m.get("readOnly") else "rw") for m in mounts]
    out += ["  Volumes:\t<none>", "  Node-Selectors:\t" + kv(t["spec"].get("nodeSelector"))[0], "  Tolerations:\t<none>", ""]
    return "\n".join(out)
# set.go: a bare `kubectl set` prints its help to stderr (DefaultSubCommandRun) and exits 1; an
# unknown subcommand is RequireNoArguments' usage error with all the words after `set`.
SET_HELP = """Configure application resources.

 These commands help you make changes to existing application resources.

Available Commands:
  env              Update environment variables on a pod template
  image            Update the image of a pod template
  resources        Update resource requests/limits on objects with pod templates
  selector         Set the selector on a resource
  serviceaccount   Update the service account of a resource
  subject          Update the user, group, or service account in a role binding or cluster role binding

Usage:
  kubectl set SUBCOMMAND [options]

Use "kubectl set <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands)."""
write('set-image', {
  "kubectl apply -f db-cluster.yaml": APPLIED,
  "kubectl rollout status sts/db-cluster": rollout_status,
  "kubectl set image statefulset/db-cluster database=my-database-image:v2": set_image,
  "kubectl set image sts db-cluster database=my-database-image:v2 cache=redis:7": set_image,
  "kubectl set image sts/db-cluster": "error: at least one image update is required",
  "kubectl set image sts/db-cluster database=my-database-image:v3 --dry-run=client": set_image,
  "kubectl get pods": lambda st, e: tbl(pod_table(st)),
  """kubectl get pods -o jsonpath='{range .items[*]}{.metadata.name}{"\\t"}{.spec.containers[0].image}{"\\n"}{end}'""": pod_images,
  "kubectl rollout history sts/db-cluster": history,
  "kubectl rollout history sts/db-cluster --revision=2": revision_template,
  # updatepodspec.go's error for a kind without a pod template, behind info.ObjectName()
  # (`<resource>/<name>`); set_image.go adds "error: " and a newline, so checkErr adds nothing.
  "kubectl set image svc/db-service database=x": "error: services/db-service the object is not a pod or does not have a pod template: *v1.Service",
  "kubectl set image sts/nope database=x": 'Error from server (NotFound): statefulsets.apps "nope" not found',
  "kubectl set": SET_HELP,
  "kubectl set imagee sts/db-cluster database=x": 'error: unknown command "imagee sts/db-cluster database=x"\nSee \'kubectl set -h\' for help and examples',
})

# ---- lesson-commands (the lessons' own commands: content/lessons/*.mdx) ----------------------------
def app_db(o): return o["metadata"].get("labels", {}).get("app") == "database"
def db_watch(st, e):
    # `-l app=database` filters the initial list and the watch events server-side; the rows and the
    # remembered widths are those of the plain watch (k8s-semantics.md §7.10)
    sub = dict(st); sub["Pod"] = [p for p in st["Pod"] if app_db(p)]
    text = watch(sub, dict(e, events=[ev for ev in e["events"] if ev["kind"] != "Pod" or app_db(ev["obj"])]))
    return text or None  # an empty list and no events print nothing
def db_pods(st, e): return tbl([P] + [pod_cells(p, st["now"]) for p in pods(st) if app_db(p)])
def db_pvcs(st, e):
    sub = dict(st); sub["PersistentVolumeClaim"] = [c for c in st["PersistentVolumeClaim"] if app_db(c)]
    return tbl(pvc_rows(sub))
def one_service(name):
    return lambda st, e: tbl([S] + [r for r in svc_rows(st)[1:] if r[0] == name], 'Error from server (NotFound): services "%s" not found' % name)
def revision_hash_col(st, e):
    # -L KEY: one extra column headed by the upper-cased key, the label's value or an empty cell
    return tbl([P + ["CONTROLLER-REVISION-HASH"]] + [pod_cells(p, st["now"]) + [p["metadata"].get("labels", {}).get("controller-revision-hash", "")] for p in pods(st)])
def multi_kind(*kinds):
    # get.go with several types: one table per kind (widths reset: SetRememberedWidths(nil)), a blank
    # line between kinds that printed something, NAME prefixed with kind.group/; kinds with no objects
    # print nothing; nothing at all -> "No resources found in default namespace."
    def f(st, e):
        parts = []
        for k in kinds:
            rows = {"pod": lambda: pod_table(st, prefix="pod/"),
                    "pvc": lambda: pvc_rows(st, prefix="persistentvolumeclaim/")}[k]()
            if len(rows) > 1: parts.append(table(rows))
        return "\n\n".join(parts) if parts else NORES
    return f
def slices_of(st, svc):
    # EndpointSlices labelled kubernetes.io/service-name=<svc>, in the API's list order (by name)
    return sorted((x for x in st.get("EndpointSlice", []) if x["metadata"].get("namespace") == "default"
                   and x["metadata"].get("labels", {}).get("kubernetes.io/service-name") == svc), key=lambda x: x["metadata"]["name"])
def format_endpoint_slices(slices, port_name):
    # describe.go formatEndpointSlices(slices, sets.New(port.Name)): "<none>" without slices; ready
    # (or unset) endpoints only, first address, "ip:port" when the slice has ports; at most 3, then
    # " + N more..." (`more` is set before the readiness test, as upstream does)
    if not slices: return "<none>"
    lst = []; more = False; count = 0
    for sl in slices:
        groups = [None] if not sl.get("ports") else [p for p in sl["ports"] if p.get("name", "") == port_name]
        for pt in groups:
            for ep in sl.get("endpoints", []):
                if len(lst) == 3: more = True
                if ep.get("conditions", {}).get("ready", True) is False: continue
                if not more: lst.append(ep["addresses"][0] if pt is None else "%s:%d" % (ep["addresses"][0], pt["port"]))
                count += 1
    return ",".join(lst) + (" + %d more..." % (count - 3) if more else "")
def describe_service(name):
    # describe.go describeService (1.35): tabwriter padding 2, last-applied annotation skipped,
    # one Port/TargetPort/Endpoints group per service port, Internal Traffic Policy when set
    def f(st, e):
        s = next(x for x in st["Service"] if x["metadata"]["namespace"] == "default" and x["metadata"]["name"] == name)
        m, sp = s["metadata"], s["spec"]
        kv = lambda d: ["%s=%s" % x for x in sorted((d or {}).items())] or ["<none>"]
        # printAnnotationsMultiline: "key: value" lines, sorted, the last-applied annotation skipped
        ann = ["%s: %s" % x for x in sorted((m.get("annotations") or {}).items()) if x[0] != "kubectl.kubernetes.io/last-applied-configuration"] or ["<none>"]
        lab = kv(m.get("labels"))
        rows = [("Name:", name), ("Namespace:", "default"), ("Labels:", lab[0])] + [("", l) for l in lab[1:]]
        rows += [("Annotations:", ann[0])] + [("", a) for a in ann[1:]]
        rows += [("Selector:", ",".join(kv(sp.get("selector")))), ("Type:", sp.get("type", "ClusterIP"))]
        if sp.get("ipFamilyPolicy"): rows.append(("IP Family Policy:", sp["ipFamilyPolicy"]))
        rows += [("IP Families:", ",".join(sp.get("ipFamilies", [])) or "<none>"), ("IP:", sp.get("clusterIP", "")), ("IPs:", ",".join(sp.get("clusterIPs", [])) or "<none>")]
        port_rows = []
        for p in sp.get("ports", []):
            tp = p.get("targetPort", p["port"]); proto = p.get("protocol", "TCP")
            port_rows.append(("Port:", p.get("name") or "<unset>", "%d/%s" % (p["port"], proto)))
            rows.append(None)
            rows += [("TargetPort:", "%s/%s" % (tp, proto)), ("Endpoints:", format_endpoint_slices(slices_of(st, name), p.get("name", "")))]
        rows += [("Session Affinity:", sp.get("sessionAffinity", "None"))]
        if sp.get("internalTrafficPolicy"): rows.append(("Internal Traffic Policy:", sp["internalTrafficPolicy"]))
        evs = ev_rows(st, "Service", name, m["uid"])
        if len(evs) == 2: rows.append(("Events:", "<none>"))
        # the Port line has a second cell: its column block is that line alone (width = name + 2)
        w = max(len(r[0]) for r in rows + port_rows if r) + 2
        pr = iter(port_rows); out = []
        for r in rows:
            if r is None:
                k, n, v = next(pr); out.append(k.ljust(w) + n.ljust(len(n) + 2) + v)
            else: out.append(r[0].ljust(w) + r[1])
        text = "\n".join(out)
        return text + ("\n" + evtable(evs) if len(evs) > 2 else "")
    return f
def resolve(st, qname):
    # The cluster DNS from the EndpointSlices (k8s-semantics.md §3): search path default.svc.cluster.local
    # first (ndots:5). "<svc>" of a headless Service -> one A record per ready endpoint, in slice
    # order; "<hostname>.<svc>" -> the ready endpoint with that hostname. PTR of an endpoint IP ->
    # <hostname>.<svc>.default.svc.cluster.local. Nothing -> NXDOMAIN.
    parts = qname.split(".")
    svc_name = parts[-1]; host = parts[0] if len(parts) == 2 else None
    svc = next((x for x in st["Service"] if x["metadata"]["namespace"] == "default" and x["metadata"]["name"] == svc_name), None)
    if svc is None or len(parts) > 2: return []
    if svc["spec"].get("clusterIP") not in (None, "None"):
        return [] if host else [(svc["spec"]["clusterIP"], "%s.default.svc.cluster.local" % svc_name)]
    pub = svc["spec"].get("publishNotReadyAddresses", False)
    out = []
    for sl in slices_of(st, svc_name):
        for ep in sl.get("endpoints", []):
            if not pub and ep.get("conditions", {}).get("ready", True) is False: continue
            if host is not None and ep.get("hostname") != host: continue
            ptr = "%s.%s.default.svc.cluster.local" % (ep["hostname"], svc_name) if ep.get("hostname") else None
            out.append((ep["addresses"][0], ptr))
    return out
SESSION = {"status": 0}  # $? inside the busybox session
def busybox_nslookup(st, e):
    # busybox 1.28 nslookup (reuses DNS_HEAD): Name/Address lines, or the error after the blank line
    # (bb_error_msg_and_die: exit status 1)
    name = e["line"].split()[1]
    addrs = resolve(st, name)
    SESSION["status"] = 0 if addrs else 1
    if not addrs: return DNS_HEAD + "\nnslookup: can't resolve '%s'" % name
    return DNS_HEAD + "\nName:      %s\n" % name + "\n".join("Address %d: %s%s" % (i + 1, ip, " " + ptr if ptr else "") for i, (ip, ptr) in enumerate(addrs))
def session_exit(st, e):
    # busybox sh `exit` with no argument exits with $?; a non-zero exit ends the container with reason
    # Error and the pod (restartPolicy Never: no reattach hint) Failed. run.go with --rm deletes the
    # pod in a defer (the delete line), then returns CodeExitError "pod <ns>/<name> terminated
    # (<reason>)\n<message>" (message empty), which checkErr prints as is; exit 0 returns nil.
    lines = session_ended("dns-test", "Never") + 'pod "dns-test" deleted from default namespace'
    return lines + ("\npod default/dns-test terminated (Error)" if SESSION["status"] else "")
write('lesson-commands', {
  "kubectl get pods -w -l app=database": db_watch,
  "kubectl apply -f db-cluster.yaml": APPLIED,
  "kubectl rollout status sts/db-cluster": rollout_status,
  "kubectl get pods -l app=database": db_pods,
  "kubectl get pvc -l app=database": db_pvcs,
  "kubectl get service db-service": one_service("db-service"),
  "kubectl get pods -L controller-revision-hash": revision_hash_col,
  "kubectl describe service db-service": describe_service("db-service"),
  "kubectl run -i --tty --image busybox:1.28 dns-test --restart=Never --rm": ATTACH,
  "nslookup db-cluster-0.db-service": busybox_nslookup,
  "nslookup db-service": busybox_nslookup,
  "nslookup db-cluster-3.db-service": busybox_nslookup,
  "exit": session_exit,
  "kubectl scale statefulset db-cluster --replicas=5": "statefulset.apps/db-cluster scaled",
  "kubectl scale statefulset db-cluster --replicas=2": "statefulset.apps/db-cluster scaled",
  "kubectl get pods,pvc": multi_kind("pod", "pvc"),
  # On kind a node is a docker container: docker prints the name of each one it stops or starts.
  "docker stop kind-worker2": "kind-worker2",
  "docker start kind-worker2": "kind-worker2",
  "kubectl get nodes": nodes,
})

# ---- lesson-storage-nodes: the storage and node-failure lessons' remaining commands ----
def pv_pinned_nodes(st, e):
    rows = [["CLAIM", "NODE"]]
    for v in sorted(st["PersistentVolume"], key=lambda v: v["metadata"]["name"]):
        terms = v["spec"].get("nodeAffinity", {}).get("required", {}).get("nodeSelectorTerms", [])
        node = terms[0]["matchExpressions"][0]["values"][0] if terms else "<none>"
        rows.append([v["spec"].get("claimRef", {}).get("name", "<none>"), node])
    return table(rows)
def drain_allowed(node):
    def out(st, e):
        # drain.go: cordon, then "evicting pod ns/name" for each pod (namespace/name order), then
        # "pod/<name> evicted" as each is gone, then the node line.
        on, warning, _ = drain_filter(st, node, True)
        lines = ["node/%s cordoned" % node] + ([warning] if warning else [])
        lines += ["evicting pod %s/%s" % (p["metadata"]["namespace"], p["metadata"]["name"]) for p in on]
        lines += ["pod/%s evicted" % p["metadata"]["name"] for p in on]
        return "\n".join(lines + ["node/%s drained" % node])
    return out
def uncordon(*names):
    def out(st, e):
        by = {n["metadata"]["name"]: n for n in st["Node"]}
        return "\n".join("node/%s %s" % (n, "uncordoned" if by[n]["spec"].get("unschedulable") else "already uncordoned") for n in names)
    return out
def owner_refs_json(name):
    def out(st, e):
        claim = [c for c in st["PersistentVolumeClaim"] if c["metadata"]["name"] == name][0]
        return json.dumps(claim["metadata"].get("ownerReferences", []), separators=(",", ":"), sort_keys=True)
    return out
def delete_db_claims(st, e):
    names = sorted(c["metadata"]["name"] for c in st["PersistentVolumeClaim"] if app_db(c))
    return "\n".join('persistentvolumeclaim "%s" deleted from default namespace' % n for n in names)

write('lesson-storage-nodes', {
  "kubectl apply -f db-cluster.yaml": APPLIED,
  "kubectl rollout status sts/db-cluster": rollout_status,
  "kubectl exec db-cluster-1 -- sh -c 'echo hello > /var/lib/database/note.txt'": None,
  "kubectl exec db-cluster-1 -- cat /var/lib/database/note.txt": "hello",
  "kubectl get pv -o custom-columns=CLAIM:.spec.claimRef.name,NODE:.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values[0]": pv_pinned_nodes,
  "kubectl create pdb db-cluster --selector=app=database --max-unavailable=1": "poddisruptionbudget.policy/db-cluster created",
  "kubectl drain kind-worker3 --ignore-daemonsets --delete-emptydir-data": drain_allowed("kind-worker3"),
  "kubectl uncordon kind-worker3 kind-worker2": uncordon("kind-worker3", "kind-worker2"),
  "kubectl patch sts db-cluster -p '{\"spec\":{\"persistentVolumeClaimRetentionPolicy\":{\"whenDeleted\":\"Delete\"}}}'": "statefulset.apps/db-cluster patched",
  "kubectl get pvc data-volume-db-cluster-0 -o jsonpath='{.metadata.ownerReferences}'": owner_refs_json("data-volume-db-cluster-0"),
  "kubectl patch sts db-cluster -p '{\"spec\":{\"persistentVolumeClaimRetentionPolicy\":{\"whenDeleted\":\"Retain\"}}}'": "statefulset.apps/db-cluster patched",
  "kubectl delete sts db-cluster": 'statefulset.apps "db-cluster" deleted from default namespace',
  "kubectl delete pvc -l app=database": delete_db_claims,
})

# ---- system-pods: kube-system and local-path-storage of a kind cluster (oracle.py helpers) ----
def kindnet_replaced(st, e):
    # after the delete, the DaemonSet controller's new pod on kind-worker; the others unchanged
    rows = [P + ["IP","NODE","NOMINATED NODE","READINESS GATES"]]
    for p in pods(st, "kube-system"):
        if p["metadata"].get("labels", {}).get("app") != "kindnet": continue
        rows.append(pod_cells(p, st["now"]) + [p["status"].get("podIP") or "<none>", p["spec"].get("nodeName") or "<none>", nominated_node(p), "<none>"])
    return tbl(rows, "No resources found in kube-system namespace.")
def drained_no_evictions(node):
    def out(st, e):
        on, warning, _ = drain_filter(st, node, True)
        assert not on, on
        return "\n".join(["node/%s already cordoned" % node] + ([warning] if warning else []) + ["node/%s drained" % node])
    return out
write('system-pods', {
  "kubectl get pods -A": lambda st, e: table(pod_table_all(st)),
  "kubectl get pods -n kube-system -o wide": lambda st, e: tbl(pod_table(st, wide=True, items=pods(st, "kube-system")), "No resources found in kube-system namespace."),
  "kubectl get ds -A": lambda st, e: tbl(ds_rows(st), "No resources found"),
  "kubectl describe deployment coredns -n kube-system": lambda st, e: describe_deployment(st, "kube-system", "coredns"),
  "kubectl describe rs -n kube-system": lambda st, e: describe_replicasets(st, "kube-system"),
  "kubectl describe daemonset kindnet -n kube-system": lambda st, e: describe_daemonset(st, "kube-system", "kindnet"),
  "kubectl describe node kind-worker": lambda st, e: describe_node(st, "kind-worker"),
  "kubectl drain kind-worker": drain_refused("kind-worker", "node/kind-worker cordoned"),
  "kubectl drain kind-worker --ignore-daemonsets": drained_no_evictions("kind-worker"),
  "kubectl uncordon kind-worker": "node/kind-worker uncordoned",
  "kubectl delete pod -n kube-system kindnet-wclfv": 'pod "kindnet-wclfv" deleted from kube-system namespace',
  "kubectl get pods -n kube-system -l app=kindnet -o wide": kindnet_replaced,
  "kubectl get ds kindnet -n kube-system": lambda st, e: tbl(ds_rows(st, "kube-system", ["kindnet"]), "No resources found in kube-system namespace."),
})

# =================================================================================================
# ---- container-commands (separate section: container commands, set resources, bare --dry-run) ----
# Rules written from the kubelet, containerd/runc and kubectl release-1.35 sources, independently
# of src/sim and src/kubectl; the values (times, uids, statuses) come from the raw facts.
# =================================================================================================
def cc_pod(st, name):
    return next((p for p in pods(st) if p["metadata"]["name"] == name), None)
def cc_argv(p):
    c = p["spec"]["containers"][0]
    return (c.get("command") or []) + (c.get("args") or [])
def cc_echo(argv):
    # busybox echo: its operands joined by one space, then a newline (the transcript adds the newline)
    assert argv[0] == "echo", argv
    return " ".join(argv[1:])
def cc_logs(name, previous=False):
    # kubectl logs: the log of the container's current run, which for a container waiting to be
    # restarted (CrashLoopBackOff) is its last run; --previous needs lastState.terminated. A
    # container that never ran is "waiting to start" (logs.go / the kubelet's log handler).
    def f(st, e):
        p = cc_pod(st, name); cs = p["status"]["containerStatuses"][0]; s = cs["state"]
        if previous:
            if "terminated" not in cs.get("lastState", {}):
                return 'Error from server (BadRequest): previous terminated container "%s" in pod "%s" not found' % (name, name)
            return cc_echo(cc_argv(p))
        ran = "running" in s or "terminated" in s or "terminated" in cs.get("lastState", {})
        if not ran:
            return 'Error from server (BadRequest): container "%s" in pod "%s" is waiting to start: %s' % (name, name, s["waiting"]["reason"])
        return cc_echo(cc_argv(p))
    return f
def cc_go_duration(sec):
    # Go time.Duration.String() for whole seconds: 20s, 1m20s, 5m0s
    m, s = divmod(int(sec), 60)
    return "%dm%ds" % (m, s) if m else "%ds" % s
def cc_backoff_message(name):
    # kuberuntime_manager doBackOff with the kubelet's flowcontrol.Backoff (10s initial, 300s max):
    # the first restart is immediate, each later one waits twice the previous wait, so with
    # restartCount r the current wait is min(10s * 2^(r-1), 300s). Message: "back-off %s restarting
    # failed container=%s pod=%s" with format.Pod's name_namespace(uid).
    def f(st, e):
        p = cc_pod(st, name); cs = p["status"]["containerStatuses"][0]
        assert cs["state"]["waiting"]["reason"] == "CrashLoopBackOff"
        delay = min(10 * 2 ** (cs["restartCount"] - 1), 300)
        return "back-off %s restarting failed container=%s pod=%s_default(%s)" % (cc_go_duration(delay), name, name, p["metadata"]["uid"])
    return f
def cc_start_error_message(name):
    # containerd CRI StartContainer wraps the task creation error ("failed to create containerd
    # task: %w"); the shim reports runc's error, whose exec failure for a name not found in $PATH is
    # `exec: "<name>": executable file not found in $PATH`, with runc >= 1.2's "error during
    # container init" and the ttrpc "unknown" suffix. The kubelet copies it into state.terminated.
    def f(st, e):
        p = cc_pod(st, name); binary = cc_argv(p)[0]
        want = ('failed to create containerd task: failed to create shim task: OCI runtime create failed: '
                'runc create failed: unable to start container process: error during container init: '
                'exec: "%s": executable file not found in $PATH: unknown' % binary)
        t = p["status"]["containerStatuses"][0]["state"]["terminated"]
        assert t["reason"] == "StartError" and t["exitCode"] == 128 and t["message"] == want, t
        return want
    return f
def cc_get_one(name):
    return lambda st, e: table([P] + [pod_cells(cc_pod(st, name), st["now"])])
def cc_run_attach_completed(st, e):
    # run.go handleAttachPod: podRunningAndReady returns ErrPodCompleted for a pod that already
    # Succeeded (echo exits before kubectl can attach), so logOpts prints its log instead of
    # attaching (no attach.go lines); waitForExitCode sees Succeeded; the deferred --rm delete runs.
    words = e["line"].split(" -- ", 1)[1].split()
    return cc_echo(words) + '\npod "t" deleted from default namespace'
def cc_set_resources(limits, requests):
    # set_resources.go: the object is printed ("resource requirements updated") only when the
    # change is not a no-op (CalculatePatches' empty patch is skipped silently).
    def f(st, e):
        s = [x for x in st["StatefulSet"] if x["metadata"]["name"] == "db-cluster"][0]
        res = s["spec"]["template"]["spec"]["containers"][0].get("resources", {})
        same = all(res.get("limits", {}).get(k) == v for k, v in limits.items()) and all(res.get("requests", {}).get(k) == v for k, v in requests.items())
        return None if same else "statefulset.apps/db-cluster resource requirements updated"
    return f
def cc_db_resources(st, e):
    return "\n".join("%s %s %s" % (p["metadata"]["name"], p["spec"]["containers"][0]["resources"]["limits"]["cpu"], p["spec"]["containers"][0]["resources"]["requests"]["memory"]) for p in pods(st) if app_db(p))
def cc_klog_dry_run(st, e):
    # klog header "Lmmdd hh:mm:ss.uuuuuu threadid file:line] msg" (threadid = pid, %7d); the
    # simulator's kubectl uses a fixed pid 48213 and the virtual clock (UTC). helpers.go:719 is
    # GetDryRunStrategy's NoOptDefVal branch in kubectl 1.35.
    t = EPOCH + datetime.timedelta(milliseconds=st["now"])
    head = "W%s %7d helpers.go:719]" % (t.strftime("%m%d %H:%M:%S.%f"), 48213)
    return head + " --dry-run is deprecated and can be replaced with --dry-run=client.\nstatefulset.apps/db-cluster scaled (dry run)"
CC_JSONPATH_DB = r"""kubectl get pods -l app=database -o jsonpath='{range .items[*]}{.metadata.name}{" "}{.spec.containers[0].resources.limits.cpu}{" "}{.spec.containers[0].resources.requests.memory}{"\n"}{end}'"""
write('container-commands', {
  "kubectl run hi --image=busybox:1.28 -- echo hi": "pod/hi created",
  "kubectl get pods": lambda st, e: tbl(pod_table(st)),
  "kubectl wait --for=jsonpath='{.status.containerStatuses[0].state.terminated.reason}'=Completed pod/hi": "pod/hi condition met",
  "kubectl logs hi": cc_logs("hi"),
  "kubectl logs hi --previous": cc_logs("hi", previous=True),
  "kubectl get pod hi -o jsonpath='{.status.containerStatuses[0].state.waiting.message}'": cc_backoff_message("hi"),
  "kubectl run -i --rm --restart=Never t --image=busybox:1.28 -- echo hi": cc_run_attach_completed,
  "kubectl run sleeper --image=busybox:1.28 -- sleep 3600": "pod/sleeper created",
  "kubectl wait --for=condition=Ready pod/sleeper": "pod/sleeper condition met",
  "kubectl exec sleeper -- echo still running": "still running",
  "kubectl run nf --image=busybox:1.28 -- foo": "pod/nf created",
  "kubectl wait --for=jsonpath='{.status.containerStatuses[0].state.terminated.reason}'=StartError pod/nf": "pod/nf condition met",
  "kubectl get pod nf": cc_get_one("nf"),
  "kubectl get pod nf -o jsonpath='{.status.containerStatuses[0].state.terminated.message}'": cc_start_error_message("nf"),
  "kubectl apply -f db-cluster.yaml": APPLIED,
  "kubectl rollout status sts/db-cluster": rollout_status,
  "kubectl set resources sts/db-cluster --limits=cpu=200m,memory=512Mi --requests=cpu=100m,memory=256Mi": cc_set_resources({"cpu": "200m", "memory": "512Mi"}, {"cpu": "100m", "memory": "256Mi"}),
  "kubectl rollout history sts/db-cluster": history,
  CC_JSONPATH_DB: cc_db_resources,
  "kubectl set resources sts/db-cluster --limits=cpu=200m": cc_set_resources({"cpu": "200m"}, {}),
  "kubectl set resources sts/db-cluster": "error: you must specify an update to requests or limits (in the form of --requests/--limits)",
  # resource.ParseQuantity's ErrFormatWrong (apimachinery quantity.go splitREString)
  "kubectl set resources sts/db-cluster --requests=memory=1x": "error: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
  "kubectl scale sts db-cluster --replicas=5 --dry-run": cc_klog_dry_run,
  "kubectl get sts": lambda st, e: tbl(sts_rows(st)),
})
