module etcd-forensics/oracles/bbolt-1.3

go 1.24

tool go.etcd.io/bbolt/cmd/bbolt

require (
	go.etcd.io/bbolt v1.3.12 // indirect
	golang.org/x/sys v0.4.0 // indirect
)
