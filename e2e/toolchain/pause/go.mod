module alphintra.local/pause

go 1.24
