qulub_me```
     ô      )^
   [1:10]     ```|fe {r_nume_filrte_eel
}