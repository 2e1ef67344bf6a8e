# Go tabwriter layout for `kubectl get` (minwidth 6, padding 3): each non-last column is padded to
# max(6, widest cell + 3). Running this file checks it against k8s-semantics.md §7.5/§7.6 examples.
import sys
def table(rows):
    n = max(len(r) for r in rows)
    w = [max(6, max(len(r[i]) for r in rows if i < len(r)-1 or False) + 3) if i < n-1 else 0 for i in range(n)]
    out = []
    for r in rows:
        out.append(''.join(c.ljust(w[i]) if i < len(r)-1 else c for i, c in enumerate(r)))
    return '\n'.join(out)
if __name__ == '__main__':
    # check against the reference examples in k8s-semantics.md §7.5
    ref = "NAME        STATUS    VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE\nwww-web-0   Pending                                      standard       <unset>                 0s"
    got = table([["NAME","STATUS","VOLUME","CAPACITY","ACCESS MODES","STORAGECLASS","VOLUMEATTRIBUTESCLASS","AGE"],["www-web-0","Pending","","","","standard","<unset>","0s"]])
    print(got == ref)
    ref2 = "NAME                                       CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS   CLAIM               STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE\npvc-2bf00408-d366-4a12-bad0-1869c65d0bee   1Gi        RWO            Delete           Bound    default/www-web-0   standard       <unset>                          25m"
    got2 = table([["NAME","CAPACITY","ACCESS MODES","RECLAIM POLICY","STATUS","CLAIM","STORAGECLASS","VOLUMEATTRIBUTESCLASS","REASON","AGE"],["pvc-2bf00408-d366-4a12-bad0-1869c65d0bee","1Gi","RWO","Delete","Bound","default/www-web-0","standard","<unset>","","25m"]])
    print(got2 == ref2)
